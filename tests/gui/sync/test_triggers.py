"""What makes the worker run a pass: start, "sync now", local changes, the timer, retries."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.sync import ChangeSet, PassReport, SyncState, SyncStatus
from app.ui.sync import SyncController
from tests.gui.sync.conftest import MakeController
from tests.gui.sync.fakes import FakeEngine, FakeSessionFactory, SignalLog, make_report

QUIET_MS = 250  # long enough for a pass that should not happen to show up


def test_start_reports_the_status_then_runs_a_first_pass(
    qtbot: QtBot, controller: SyncController, engine: FakeEngine
) -> None:
    engine.current_status = SyncStatus(SyncState.ONLINE, pending=5)
    engine.reports.append(make_report(pending=0))
    log = SignalLog(controller)

    with qtbot.waitSignal(controller.pass_finished) as finished:
        controller.start()

    assert log.names() == ["pass_started", "status_changed", "status_changed", "pass_finished"]
    assert log.args_of("status_changed") == [
        (SyncStatus(SyncState.ONLINE, pending=5),),
        (SyncStatus(SyncState.ONLINE, pending=0),),
    ]
    assert isinstance(finished.args[0], PassReport)
    assert controller.status == SyncStatus(SyncState.ONLINE, pending=0)
    assert [name for name, _ in engine.calls] == ["status", "run_pass"]


def test_an_unchanged_status_is_not_sent_again(
    qtbot: QtBot, started: SyncController, engine: FakeEngine
) -> None:
    with (
        qtbot.assertNotEmitted(started.status_changed),
        qtbot.waitSignal(started.pass_finished),
    ):
        started.sync_now()
    assert engine.passes == 2


def test_sync_now_runs_a_pass(qtbot: QtBot, started: SyncController, engine: FakeEngine) -> None:
    with qtbot.waitSignals([started.pass_started, started.pass_finished], order="strict"):
        started.sync_now()
    assert engine.passes == 2


def test_only_sync_now_sends_changes_waiting_out_a_retry_delay(
    qtbot: QtBot, started: SyncController, engine: FakeEngine
) -> None:
    with qtbot.waitSignal(started.pass_finished):
        started.local_change()
    with qtbot.waitSignal(started.pass_finished):
        started.sync_now()
    with qtbot.waitSignal(started.pass_finished):
        started.local_change()
    assert engine.retry_now_flags == [False, False, True, False]


def test_requests_made_during_a_pass_make_exactly_one_more(
    qtbot: QtBot, started: SyncController, engine: FakeEngine
) -> None:
    engine.block = True
    with qtbot.waitSignal(started.pass_started):
        started.sync_now()
    assert engine.pass_entered.wait(5)
    started.sync_now()
    started.local_change()
    started.sync_now()

    with qtbot.waitSignals([started.pass_finished, started.pass_finished]):
        engine.release.set()
    with qtbot.assertNotEmitted(started.pass_started, wait=QUIET_MS):
        pass
    assert engine.passes == 3


def test_local_changes_in_the_debounce_window_make_exactly_one_pass(
    qtbot: QtBot, make_controller: MakeController, factory: FakeSessionFactory, engine: FakeEngine
) -> None:
    controller = make_controller(factory, debounce_ms=250)  # wide: the calls land well inside
    with qtbot.waitSignal(controller.pass_finished):
        controller.start()

    with qtbot.waitSignal(controller.pass_finished):
        for _ in range(5):
            controller.local_change()
    with qtbot.assertNotEmitted(controller.pass_started, wait=QUIET_MS):
        pass
    assert engine.passes == 2


def test_each_local_change_restarts_the_debounce(
    qtbot: QtBot, make_controller: MakeController, factory: FakeSessionFactory
) -> None:
    controller = make_controller(factory, debounce_ms=500)
    with qtbot.waitSignal(controller.pass_finished):
        controller.start()

    # Timers fire late under load, never early, and each window ends 200 ms before a
    # correct worker's debounce: only a debounce that was not restarted shows up in them.
    controller.local_change()
    with qtbot.assertNotEmitted(controller.pass_started, wait=300):
        pass
    controller.local_change()  # 300+ ms after the first: without a restart it fires next
    with qtbot.assertNotEmitted(controller.pass_started, wait=300):
        pass
    with qtbot.waitSignal(controller.pass_finished):
        pass


def test_the_timer_keeps_retrying_while_offline(
    qtbot: QtBot, make_controller: MakeController, factory: FakeSessionFactory, engine: FakeEngine
) -> None:
    engine.default_report = make_report(SyncState.OFFLINE, pending=3)
    controller = make_controller(factory, interval_seconds=0.05)

    with qtbot.waitSignal(controller.pass_finished):
        controller.start()
    for _ in range(3):
        with qtbot.waitSignal(controller.pass_finished) as blocker:
            pass  # nothing asked for it: the interval timer runs the pass
        assert blocker.args[0].status.state is SyncState.OFFLINE
    assert engine.passes >= 4


def test_an_interval_of_zero_runs_no_periodic_pass(
    qtbot: QtBot, make_controller: MakeController, factory: FakeSessionFactory
) -> None:
    controller = make_controller(factory, interval_seconds=0)
    with qtbot.waitSignal(controller.pass_finished):
        controller.start()
    with qtbot.assertNotEmitted(controller.pass_started, wait=QUIET_MS):
        pass


def test_set_interval_schedules_the_next_pass(
    qtbot: QtBot, started: SyncController, engine: FakeEngine
) -> None:
    with qtbot.waitSignal(started.pass_finished):
        started.set_interval(0.05)
    assert engine.passes >= 2  # the timer goes on running passes


def test_retry_reaches_the_engine_and_runs_a_pass(
    qtbot: QtBot, started: SyncController, engine: FakeEngine
) -> None:
    engine.current_status = SyncStatus(SyncState.ONLINE, pending=1)
    log = SignalLog(started)

    with qtbot.waitSignals([started.entry_changed, started.pass_finished]):
        started.retry(7)

    assert log.names() == [
        "entry_changed",
        "status_changed",  # pending 1 after the retry
        "pass_started",
        "status_changed",  # pending 0 after the pass
        "pass_finished",
    ]
    assert log.args_of("entry_changed") == [(7,)]
    assert engine.retried == [7]
    assert engine.passes == 2


def test_retrying_an_entry_that_is_no_longer_parked_runs_no_pass(
    qtbot: QtBot, started: SyncController, engine: FakeEngine
) -> None:
    engine.retry_finds_entry = False
    with (
        qtbot.assertNotEmitted(started.pass_started, wait=QUIET_MS),
        qtbot.waitSignal(started.entry_changed),
    ):
        started.retry(7)
    assert engine.retried == [7]


def test_discard_reaches_the_engine_and_refreshes_the_status(
    qtbot: QtBot, started: SyncController, engine: FakeEngine
) -> None:
    engine.current_status = SyncStatus(SyncState.ONLINE, pending=4)
    log = SignalLog(started)

    with qtbot.waitSignals([started.entry_changed, started.status_changed]):
        started.discard(9)

    assert log.args_of("entry_changed") == [(9,)]
    assert engine.discarded == [9]
    assert started.status == SyncStatus(SyncState.ONLINE, pending=4)
    with qtbot.assertNotEmitted(started.pass_started, wait=QUIET_MS):
        pass


def test_data_changed_is_sent_only_for_passes_that_changed_something(
    qtbot: QtBot, started: SyncController, engine: FakeEngine
) -> None:
    with qtbot.assertNotEmitted(started.data_changed), qtbot.waitSignal(started.pass_finished):
        started.sync_now()

    engine.reports.append(make_report(run_ids=frozenset({1, 2}), result_ids=frozenset({30})))
    log = SignalLog(started)
    with qtbot.waitSignal(started.pass_finished):
        started.sync_now()

    assert log.names() == ["pass_started", "data_changed", "pass_finished"]
    changes = ChangeSet(run_ids=frozenset({1, 2}), result_ids=frozenset({30}))
    assert log.args_of("data_changed") == [(changes,)]


def test_a_discard_that_removed_runs_reports_them_as_changed_data(
    qtbot: QtBot, started: SyncController, engine: FakeEngine
) -> None:
    engine.discard_removes = [12]
    log = SignalLog(started)

    with qtbot.waitSignals([started.entry_changed, started.data_changed]):
        started.discard(40)

    assert engine.discarded == [40]
    assert log.args_of("data_changed") == [(ChangeSet(run_ids=frozenset({12})),)]
