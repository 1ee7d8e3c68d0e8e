"""svclint: a linter for what an organisation says to its customers."""

__version__ = "0.1.0"
