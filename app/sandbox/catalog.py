"""The building blocks of seeded test cases: folders and scenario templates.

A scenario's `{v}` is replaced by each of its variants in turn, so one template gives a few
related cases ("Sign in with a Google account", "... with an Apple ID").
"""

from __future__ import annotations

from dataclasses import dataclass

Step = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Scenario:
    title: str
    steps: tuple[Step, ...]
    expected: str
    variants: tuple[str, ...] = ("",)
    type: str = "functional"


@dataclass(frozen=True, slots=True)
class Folder:
    """A folder of test cases.

    Attributes:
        priorities: weights of critical, high, medium and low for the folder's cases.
    """

    id: str
    name: str
    tag: str
    preconditions: tuple[str, ...]
    scenarios: tuple[Scenario, ...]
    priorities: tuple[int, int, int, int] = (1, 3, 4, 2)


def scenario(
    title: str,
    steps: tuple[Step, ...],
    expected: str,
    *variants: str,
    type: str = "functional",
) -> Scenario:
    return Scenario(title, steps, expected, variants or ("",), type)
