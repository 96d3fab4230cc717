"""YAML loading for rule packs and data files.

libyaml's C loader parses our packs about six times faster than PyYAML's pure-Python one,
which matters because every `reviewer check` loads every pack.
"""

from __future__ import annotations


def load_yaml(text: str):
    """Parse YAML safely (no arbitrary objects), with the C loader when PyYAML has it."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader either way
