"""What the desktop start imports, and in which order: both decide how fast it starts."""

from __future__ import annotations

from tests.fresh_python import run_fresh_python


def test_the_desktop_start_loads_the_store_before_qt() -> None:
    """PySide6 reads the source of every module imported after it (its import hook), so
    SQLAlchemy and SQLModel must already be loaded when the desktop start reaches Qt."""
    loaded = _modules_after("import app.cli.desktop")

    assert loaded.index("sqlalchemy") < loaded.index("PySide6")
    assert loaded.index("sqlmodel") < loaded.index("PySide6")


def _modules_after(statement: str) -> list[str]:
    """The names in `sys.modules` after `statement` in a fresh interpreter, oldest first."""
    script = f"import json, sys\n{statement}\nprint(json.dumps(list(sys.modules)))\n"
    modules: list[str] = run_fresh_python(script)
    return modules


def test_the_main_window_loads_without_the_table_classes_or_the_sync_issues_panel() -> None:
    """Both load when first needed: building them is a tenth of a cold start (issue 5)."""
    loaded = _modules_after("import app.cli.desktop, app.ui.main_window")

    assert "app.ui.main_window" in loaded
    assert "app.store.models" not in loaded
    assert "app.ui.sync_view.issues_panel" not in loaded
