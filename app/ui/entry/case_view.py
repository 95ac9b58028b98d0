"""The test case as a tester reads it while executing: precondition, numbered steps, expected.

A read-only `QTextBrowser`: scrollable, selectable and copyable as one text, reachable with
Tab and scrollable with the arrow and page keys. Its HTML is built from the palette, so it is
rebuilt when the palette changes.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QTextBrowser, QWidget

from app.domain import ResultStatus
from app.store import StepRecord, TestCaseDetail
from app.ui.theme import SPACING, status_colour


class CaseView(QTextBrowser):
    """Shows one `TestCaseDetail` (its title is shown by the pane's header)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseView")
        self.setAccessibleName("Test case steps")
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.document().setDocumentMargin(SPACING)
        self._case: TestCaseDetail | None = None

    def show_case(self, case: TestCaseDetail | None) -> None:
        self._case = case
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._render()

    def _render(self) -> None:
        if self._case is None:
            self.clear()
            return
        self.setHtml(case_html(self._case, self.palette()))


def case_html(case: TestCaseDetail, palette: QPalette) -> str:
    """The body of `case` as HTML for a `QTextDocument`, in `palette`'s colours."""
    colours = _Colours(palette)
    parts = [
        _section("Precondition", colours),
        _paragraph(case.precondition, colours, "No precondition."),
        _section("Steps", colours),
        _steps(case.steps, colours),
        _section("Expected result", colours),
        _expected_result(case.expected_result, colours),
    ]
    return f"<div style='color:{colours.text}'>{''.join(parts)}</div>"


class _Colours:
    def __init__(self, palette: QPalette) -> None:
        self.text = palette.color(QPalette.ColorRole.Text).name()
        self.muted = _muted(palette).name()
        self.badge = palette.color(QPalette.ColorRole.AlternateBase).name()
        self.expected = status_colour(ResultStatus.PASSED, palette).name()
        self.rule = palette.color(QPalette.ColorRole.Mid).name()


def _section(title: str, colours: _Colours) -> str:
    return (
        f"<p style='margin-top:{SPACING * 2}px; margin-bottom:{SPACING // 2}px; "
        f"color:{colours.muted}; font-size:small; font-weight:600'>"
        f"{escape(title.upper())}</p>"
    )


def _paragraph(text: str | None, colours: _Colours, empty: str) -> str:
    if not text or not text.strip():
        return f"<p style='color:{colours.muted}'><i>{escape(empty)}</i></p>"
    return f"<p style='margin-top:0'>{_lines(text)}</p>"


def _steps(steps: tuple[StepRecord, ...], colours: _Colours) -> str:
    if not steps:
        return f"<p style='color:{colours.muted}'><i>This test case has no steps.</i></p>"
    rows = "".join(_step_row(number, step, colours) for number, step in enumerate(steps, 1))
    return f"<table width='100%' cellspacing='0' cellpadding='{SPACING // 2}'>{rows}</table>"


def _step_row(number: int, step: StepRecord, colours: _Colours) -> str:
    expected = ""
    if step.expected and step.expected.strip():
        expected = (
            f"<br/><span style='color:{colours.expected}; font-weight:600'>"
            f"&#10003;&nbsp;Expected:</span> {_lines(step.expected)}"
        )
    return (
        f"<tr><td width='26' valign='top' align='center' "
        f"style='background-color:{colours.badge}; font-weight:600'>{number}</td>"
        f"<td valign='top' style='padding-left:{SPACING}px; padding-bottom:{SPACING}px'>"
        f"{_lines(step.action)}{expected}</td></tr>"
    )


def _expected_result(text: str | None, colours: _Colours) -> str:
    if not text or not text.strip():
        return _paragraph(None, colours, "No overall expected result.")
    return (
        f"<p style='margin-top:0'><span style='color:{colours.expected}; font-weight:600'>"
        f"&#10003;</span>&nbsp;{_lines(text)}</p>"
    )


def _lines(text: str) -> str:
    return escape(text.strip()).replace("\n", "<br/>")


def _muted(palette: QPalette) -> QColor:
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    return QColor.fromRgbF(
        (text.redF() + base.redF()) / 2,
        (text.greenF() + base.greenF()) / 2,
        (text.blueF() + base.blueF()) / 2,
    )
