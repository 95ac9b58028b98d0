"""The one question before a run is closed: its final counts, pass rate and unsent work."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtWidgets import QMessageBox, QWidget

from app.domain import ResultStatus
from app.store import RunRow
from app.ui.theme import STATUS_ORDER, status_colour

CloseConfirm = Callable[[QWidget, RunRow], bool]
"""Asks `(parent, run)` whether to close the run; answers whether the tester agreed."""


def close_question(run: RunRow) -> str:
    """The question's title: `Close “Checkout smoke”?`."""
    return f"Close “{run.name}”?"


def close_details(run: RunRow, colours: Callable[[ResultStatus], str] | None = None) -> str:
    """What closing means for this run, as rich text: counts, pass rate, unsent work.

    Args:
        run: the run about to be closed.
        colours: the colour of each status's dot (`#rrggbb`); none without it.
    """
    summary = run.summary
    counts = " · ".join(
        _dot(colours, status) + f"{summary.count(status)} {status.label.lower()}"
        for status in STATUS_ORDER
    )
    parts = [f"<p>Final results: {counts}<br>Pass rate <b>{run.summary.pass_rate:.1f}%</b></p>"]
    if summary.not_tested:
        untested = _count(summary.not_tested, "result is", "results are")
        parts.append(f"<p>{untested} still not tested; they stay “not tested”.</p>")
    if run.undelivered:
        waiting = _count(run.undelivered, "change to this run has", "changes to this run have")
        parts.append(
            f"<p>{waiting} not been delivered yet. They are safe on this computer: Testably "
            "receives them first, and the close right after them.</p>"
        )
    parts.append("<p>Once closed, nothing in the run can be changed.</p>")
    return "".join(parts)


def ask_to_close_run(parent: QWidget, run: RunRow) -> bool:
    """A question box with Close run (the default) and Cancel (Escape)."""
    box = close_run_box(parent, run)
    box.exec()
    return box.clickedButton() is box.property("closeButton")


def close_run_box(parent: QWidget, run: RunRow) -> QMessageBox:
    """The box `ask_to_close_run` shows, built apart so tests can show it without exec()."""
    palette = parent.palette()
    box = QMessageBox(parent)
    box.setObjectName("closeRunConfirm")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Close run")
    box.setText(escape(close_question(run)))
    box.setInformativeText(close_details(run, lambda s: status_colour(s, palette).name()))
    close = box.addButton("Close run", QMessageBox.ButtonRole.AcceptRole)
    close.setObjectName("closeRunConfirmButton")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(close)
    box.setEscapeButton(cancel)
    box.setProperty("closeButton", close)
    return box


def _dot(colours: Callable[[ResultStatus], str] | None, status: ResultStatus) -> str:
    return "" if colours is None else f'<span style="color:{colours(status)}">●</span>&nbsp;'


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"
