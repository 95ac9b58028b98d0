"""Test case templates of the `large` seed: the demo catalogues repeated to 10,000 cases.

Every scenario of the web shop and the mobile app is repeated in numbered sets ("Sign in
with an Apple ID (set 12)"), folder by folder, and the last sets are cut so the total is
exactly the number asked for. Pure data, built in a few milliseconds; deterministic.
"""

from __future__ import annotations

from dataclasses import replace

from app.sandbox.catalog import Folder, Scenario
from app.sandbox.catalog_mobile import MOBILE_FOLDERS
from app.sandbox.catalog_web import WEB_FOLDERS

LARGE_CASE_COUNT = 10_000
_TEMPLATES = WEB_FOLDERS + MOBILE_FOLDERS


def large_folders(count: int = LARGE_CASE_COUNT) -> tuple[Folder, ...]:
    """The demo folders, each holding numbered sets of its scenarios: `count` cases in all."""
    per_set = sum(len(s.variants) for folder in _TEMPLATES for s in folder.scenarios)
    sets = -(-count // per_set)  # ceiling
    folders = [
        replace(
            folder,
            id=f"{folder.id}_large",
            scenarios=tuple(
                replace(s, title=f"{s.title} (set {number})")
                for number in range(1, sets + 1)
                for s in folder.scenarios
            ),
        )
        for folder in _TEMPLATES
    ]
    return tuple(_trim(folders, per_set * sets - count))


def _trim(folders: list[Folder], excess: int) -> list[Folder]:
    """Drop `excess` variants from the end, scenario by scenario, folder by folder."""
    trimmed: list[Folder] = []
    for folder in reversed(folders):
        scenarios: list[Scenario] = []
        for s in reversed(folder.scenarios):
            cut = min(excess, len(s.variants))
            excess -= cut
            if cut < len(s.variants):
                scenarios.append(replace(s, variants=s.variants[: len(s.variants) - cut]))
        if scenarios:
            trimmed.append(replace(folder, scenarios=tuple(reversed(scenarios))))
    return list(reversed(trimmed))
