"""Typed errors. Each carries a message for the user (in Chinese) and an exit code.

The CLI turns any ``ReviewerError`` into one line on stderr and its exit code, never a traceback.
"""

from __future__ import annotations


class ReviewerError(Exception):
    """Base class for errors that are the user's to fix; ``exit_code`` 2 by default."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(ReviewerError):
    """A document cannot be read: unsupported format, empty, corrupt, too large, binary."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path


class RuleError(ReviewerError):
    """A rule pack is invalid; the message names the file, the rule id and the field."""


class ArchiveError(ReviewerError):
    """An archive operation cannot be done (unknown record, illegal transition, bad file)."""


class UsageError(ReviewerError):
    """Options that do not make sense together."""


class ModelError(ReviewerError):
    """The statistical second opinion's weights file is missing, damaged or of another format."""
