from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QToolButton
from pytestqt.qtbot import QtBot

from app.sync.status import SyncState, SyncStatus
from app.ui.sync_view import SyncStatusIndicator
from app.ui.sync_view.indicator import REFRESH_MS
from app.ui.sync_view.status_words import full_timestamp
from app.ui.theme import dark_palette, light_palette
from tests.gui.sync_view.conftest import ShowInWindow, child

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def indicator(qtbot: QtBot, clock: FakeClock) -> SyncStatusIndicator:
    widget = SyncStatusIndicator(clock=clock)
    qtbot.addWidget(widget)
    return widget


def headline(indicator: SyncStatusIndicator) -> str:
    return child(indicator, QLabel, "syncStatusText").text()


def last_synced(indicator: SyncStatusIndicator) -> str:
    return child(indicator, QLabel, "syncLastSynced").text()


def issues_link(indicator: SyncStatusIndicator) -> QToolButton:
    return child(indicator, QToolButton, "syncIssuesLink")


def status(state: SyncState, pending: int = 0, parked: int = 0, **fields: object) -> SyncStatus:
    return SyncStatus(state, pending, parked, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("state", "pending", "parked", "words"),
    [
        (SyncState.ONLINE, 0, 0, "Online · all changes delivered"),
        (SyncState.ONLINE, 3, 0, "Online · 3 changes to deliver"),
        (SyncState.ONLINE, 1, 0, "Online · 1 change to deliver"),
        (SyncState.ONLINE, 2, 2, "Online"),
        (SyncState.ONLINE, 5, 2, "Online · 3 changes to deliver"),
        (SyncState.OFFLINE, 12, 0, "Offline · 12 changes saved on this computer"),
        (SyncState.OFFLINE, 1, 0, "Offline · 1 change saved on this computer"),
        (SyncState.OFFLINE, 0, 0, "Offline"),
        (SyncState.SIGNED_OUT, 3, 0, "Signed out · sign in again to deliver 3 changes"),
        (SyncState.SIGNED_OUT, 0, 0, "Signed out · sign in again to sync"),
        (SyncState.PAUSED, 4, 0, "Paused · the token has no access to this project"),
        (SyncState.WAITING_SUPPORT, 5, 5, "Waiting for server support · 5 changes kept"),
    ],
)
def test_every_state_is_said_in_words(
    indicator: SyncStatusIndicator, state: SyncState, pending: int, parked: int, words: str
) -> None:
    indicator.show_status(status(state, pending, parked))

    assert headline(indicator) == words
    assert words in indicator.accessibleName()
    assert indicator.accessibleName().startswith("Sync status: ")
    assert words in indicator.accessibleDescription()


@pytest.mark.parametrize(("parked", "words"), [(1, "1 needs attention"), (2, "2 need attention")])
def test_parked_changes_show_a_link_that_asks_for_the_issues(
    qtbot: QtBot,
    indicator: SyncStatusIndicator,
    parked: int,
    words: str,
    show_in_window: ShowInWindow,
) -> None:
    indicator.show_status(status(SyncState.ONLINE, 4, parked))
    show_in_window(indicator, in_status_bar=True)

    link = issues_link(indicator)
    assert link.isVisible()
    assert link.text() == words
    assert link.accessibleName() == f"Show the changes that {words}"
    assert words in indicator.text()
    with qtbot.waitSignal(indicator.issues_requested):
        qtbot.mouseClick(link, Qt.MouseButton.LeftButton)


def test_the_link_is_hidden_when_nothing_is_parked(
    qtbot: QtBot, indicator: SyncStatusIndicator, show_in_window: ShowInWindow
) -> None:
    show_in_window(indicator, in_status_bar=True)
    indicator.show_status(status(SyncState.ONLINE, 2, 2))
    indicator.show_status(status(SyncState.ONLINE, 0, 0))

    assert not issues_link(indicator).isVisible()
    assert "attention" not in indicator.text()


def test_a_click_anywhere_on_the_indicator_asks_for_the_issues(
    qtbot: QtBot, indicator: SyncStatusIndicator, show_in_window: ShowInWindow
) -> None:
    indicator.show_status(status(SyncState.OFFLINE, 2))
    show_in_window(indicator, in_status_bar=True)

    with qtbot.waitSignal(indicator.issues_requested):
        qtbot.mouseClick(indicator, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))
    with qtbot.assertNotEmitted(indicator.issues_requested):
        qtbot.mouseClick(indicator, Qt.MouseButton.RightButton, pos=QPoint(4, 4))


def test_syncing_replaces_the_words_until_the_pass_ends(indicator: SyncStatusIndicator) -> None:
    indicator.show_status(status(SyncState.ONLINE, 2))

    indicator.set_syncing(True)
    assert headline(indicator) == "Syncing…"
    assert "Delivering 2 changes" in indicator.toolTip()

    indicator.set_syncing(False)
    assert headline(indicator) == "Online · 2 changes to deliver"


def test_a_local_save_updates_the_count_before_sync_reports(
    indicator: SyncStatusIndicator,
) -> None:
    indicator.show_status(status(SyncState.OFFLINE, 2))

    indicator.set_pending(3)
    assert headline(indicator) == "Offline · 3 changes saved on this computer"

    indicator.show_status(status(SyncState.ONLINE, 0))
    assert headline(indicator) == "Online · all changes delivered"


def test_before_the_first_report_it_says_it_is_connecting(
    indicator: SyncStatusIndicator,
) -> None:
    assert headline(indicator) == "Connecting…"
    assert last_synced(indicator) == "Not synced yet"
    assert indicator.objectName() == "syncStatus"


@pytest.mark.parametrize(
    ("ago", "words"),
    [
        (timedelta(seconds=20), "Last synced just now"),
        (timedelta(minutes=1, seconds=5), "Last synced 1 minute ago"),
        (timedelta(minutes=2), "Last synced 2 minutes ago"),
        (timedelta(hours=1), "Last synced 1 hour ago"),
        (timedelta(hours=5, minutes=59), "Last synced 5 hours ago"),
    ],
)
def test_the_last_sync_is_told_in_relative_time(
    indicator: SyncStatusIndicator, ago: timedelta, words: str
) -> None:
    indicator.show_status(status(SyncState.ONLINE, last_success_at=NOW - ago))

    assert last_synced(indicator) == words


def test_older_syncs_name_the_day(indicator: SyncStatusIndicator) -> None:
    long_ago = NOW - timedelta(days=3)
    indicator.show_status(status(SyncState.OFFLINE, last_success_at=long_ago))

    local = long_ago.astimezone()
    assert last_synced(indicator) == f"Last synced on {local.day} {local:%b} at {local:%H:%M}"


def test_the_tooltip_gives_the_full_time_and_the_last_problem(
    indicator: SyncStatusIndicator,
) -> None:
    synced = NOW - timedelta(minutes=2)
    indicator.show_status(
        status(
            SyncState.OFFLINE,
            4,
            1,
            last_success_at=synced,
            oldest_pending_at=NOW - timedelta(hours=2),
            last_error="The server did not answer in time.",
        )
    )

    tip = indicator.toolTip()
    assert "Last problem: The server did not answer in time." in tip
    assert f"Last synced: {full_timestamp(synced)}." in tip
    assert "Oldest undelivered change: 2 hours ago." in tip
    assert "Click to see the changes that need attention." in tip
    assert "Last problem: The server did not answer in time." in indicator.accessibleDescription()


def test_relative_time_is_refreshed_every_thirty_seconds(
    qtbot: QtBot, indicator: SyncStatusIndicator, clock: FakeClock
) -> None:
    timer = child(indicator, QTimer, "syncStatusRefreshTimer")
    assert timer.isActive()
    assert timer.interval() == REFRESH_MS == 30_000
    indicator.show_status(status(SyncState.ONLINE, last_success_at=NOW))
    assert last_synced(indicator) == "Last synced just now"

    clock.now = NOW + timedelta(minutes=7)
    timer.setInterval(10)

    qtbot.waitUntil(lambda: last_synced(indicator) == "Last synced 7 minutes ago")
    assert "7 minutes ago" in indicator.accessibleName()


def test_it_sits_compactly_in_a_status_bar(
    qtbot: QtBot, indicator: SyncStatusIndicator, show_in_window: ShowInWindow
) -> None:
    indicator.show_status(status(SyncState.OFFLINE, 12, 2, last_success_at=NOW))
    window = show_in_window(indicator, in_status_bar=True)
    bar = window.statusBar()

    icon = child(indicator, QLabel, "syncStatusIcon")
    assert icon.size().width() == icon.size().height() == 16
    assert indicator.height() <= bar.height()
    assert indicator.sizeHint().width() < 700


def test_secondary_text_is_muted_and_follows_the_palette(
    indicator: SyncStatusIndicator,
) -> None:
    label = child(indicator, QLabel, "syncLastSynced")
    indicator.setPalette(light_palette())
    light_text = label.palette().color(QPalette.ColorRole.WindowText)
    assert light_text != indicator.palette().color(QPalette.ColorRole.WindowText)

    indicator.setPalette(dark_palette())

    dark_text = label.palette().color(QPalette.ColorRole.WindowText)
    assert dark_text.lightnessF() > light_text.lightnessF()
    assert dark_text != indicator.palette().color(QPalette.ColorRole.WindowText)
