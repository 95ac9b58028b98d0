"""Testdeck: a local-first desktop client for manual testers who use Testably."""

__version__ = "0.1.0"
