"""A marker for "leave this as it is", distinct from None (which may mean "clear it")."""

from __future__ import annotations

from enum import Enum
from typing import Final


class Unset(Enum):
    """The type of `UNSET`; test with `isinstance(value, Unset)`."""

    UNSET = "unset"


UNSET: Final = Unset.UNSET
