"""Command-line interface: click only, no business logic."""

from reviewer.cli.i18n import install as _install_chinese

# Every command speaks Chinese, whichever module the CLI (or a test) enters through.
_install_chinese()
