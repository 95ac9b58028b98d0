from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine

from app.config import AppPaths
from app.store import EditCommands, Queries
from app.ui.application import cache_overview
from app.ui.start_window import StartWindow
from tests.builders import new_database, seed_project, seed_server_run


def test_an_empty_cache_says_everything_is_delivered(qtbot: QtBot, tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path)
    engine = new_database(paths.data_dir)
    window = StartWindow(cache_overview(engine, paths))
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()

    text = window.summary_label.text()
    assert "0 project(s), 0 run(s)" in text
    assert "Every change has been delivered." in text
    assert str(paths.database_file) in text
    engine.dispose()


def test_undelivered_changes_are_counted(qtbot: QtBot, tmp_path: Path) -> None:
    paths = AppPaths.under(tmp_path)
    engine: Engine = new_database(paths.data_dir)
    project = seed_project(engine)
    run_id = seed_server_run(engine, project, server_id="run_1")
    result = Queries(engine).results(run_id)[0]
    EditCommands(engine).record_result(result.id, "passed")

    window = StartWindow(cache_overview(engine, paths))
    qtbot.addWidget(window)

    text = window.summary_label.text()
    assert "1 project(s), 1 run(s)" in text
    assert "1 change(s) are saved here and wait to be delivered." in text
    engine.dispose()
