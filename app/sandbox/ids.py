"""Opaque ids as Testably's examples show them: a kind prefix and random hex."""

from __future__ import annotations

import random
import secrets

ID_HEX_DIGITS = 12


def new_id(prefix: str) -> str:
    """A fresh id such as `run_3f9a0c1b2d4e` for a `run_` prefix."""
    return prefix + secrets.token_hex(ID_HEX_DIGITS // 2)


def seeded_id(prefix: str, rng: random.Random) -> str:
    """An id of the same shape drawn from `rng`, so seeded data gets the same ids every time."""
    return prefix + f"{rng.getrandbits(ID_HEX_DIGITS * 4):0{ID_HEX_DIGITS}x}"
