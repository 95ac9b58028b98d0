"""Paging as API.md defines it: `page` from 1, `per_page` 20 by default and at most 100."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from app.sandbox.errors import field_error

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list: `page` counts from 1; `per_page` is already clamped."""

    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def parse_page(query: Mapping[str, str]) -> Page:
    """The page a query asks for. `per_page` above 100 is clamped to 100.

    Raises:
        ApiError: 422 when `page` or `per_page` is not a whole number of at least 1.
    """
    page = _positive_int(query, "page", 1)
    per_page = _positive_int(query, "per_page", DEFAULT_PER_PAGE)
    return Page(page, min(per_page, MAX_PER_PAGE))


def list_body(items: Sequence[Any], total: int, page: Page) -> dict[str, Any]:
    """The list envelope: `{"data": [...], "meta": {"total", "page", "per_page"}}`."""
    meta = {"total": total, "page": page.page, "per_page": page.per_page}
    return {"data": list(items), "meta": meta}


def _positive_int(query: Mapping[str, str], name: str, default: int) -> int:
    raw = query.get(name)
    if raw is None:
        return default
    text = raw.strip()
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise field_error(name, f"'{name}' must be a whole number of at least 1, not '{raw}'.")
    return int(text)
