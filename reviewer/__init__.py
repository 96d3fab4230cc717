"""reviewer: legality review, filing and cleanup of administrative normative documents (行政规范性文件)."""

__version__ = "0.1.0"
