"""The local SQLite cache: tables, engine, migrations, edit commands and read queries."""

from app.domain import UNSET
from app.store.commands import Clock, EditCommands, load_models, utc_now
from app.store.engine import create_engine, read_session, write_session
from app.store.errors import (
    DatabaseTooNewError,
    DatabaseUnavailableError,
    DatabaseUnreadableError,
    EditRefusedError,
    NotFoundError,
    StoreError,
)
from app.store.migrate import open_database, schema_revision
from app.store.outbox import PARKED_STATES, OutboxKind, OutboxState
from app.store.queries import Queries
from app.store.records import (
    MilestoneRecord,
    OutboxRecord,
    ProjectRecord,
    ResultRow,
    RunRow,
    StepRecord,
    TestCaseDetail,
    TestCaseRow,
)

__all__ = [
    "PARKED_STATES",
    "UNSET",
    "Clock",
    "DatabaseTooNewError",
    "DatabaseUnavailableError",
    "DatabaseUnreadableError",
    "EditCommands",
    "EditRefusedError",
    "MilestoneRecord",
    "NotFoundError",
    "OutboxKind",
    "OutboxRecord",
    "OutboxState",
    "ProjectRecord",
    "Queries",
    "ResultRow",
    "RunRow",
    "StepRecord",
    "StoreError",
    "TestCaseDetail",
    "TestCaseRow",
    "create_engine",
    "load_models",
    "open_database",
    "read_session",
    "schema_revision",
    "utc_now",
    "write_session",
]
