"""Errors of the local store, each with a message a tester can read."""

from __future__ import annotations


class StoreError(Exception):
    """Base of the store's errors; `str(error)` is the readable message."""


class DatabaseTooNewError(StoreError):
    """The database was written by a newer Testdeck; it is left untouched."""


class DatabaseUnreadableError(StoreError):
    """The file is not a Testdeck database Testdeck can read; it is left untouched."""


class DatabaseUnavailableError(StoreError):
    """The database could not be used now (locked, disk full, read-only, damaged).

    Nothing was changed; the message says what happened in words.
    """


class NotFoundError(StoreError):
    """A run, result, test case or milestone that the local cache does not hold."""


class EditRefusedError(StoreError):
    """An edit that the store refuses, such as a change to a closed run."""
