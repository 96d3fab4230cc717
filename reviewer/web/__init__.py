"""The web workspace (`reviewer serve`): server-rendered pages over the same library API the CLI
calls (``Archive``, ``ReviewContext``, ``check_path``, ``write_report``). Nothing here runs SQL.

Imported only by `reviewer serve` and the tests: `reviewer check` never pays for Flask.
"""
