"""Command-line interface: click only, no business logic."""
