"""The pure core of Testdeck: statuses, run summaries and validation of what users type.

Nothing here imports the rest of the application, Qt, SQL or HTTP.
"""

from app.domain.statuses import ResultStatus, RunStatus, is_read_only_run_status
from app.domain.summary import RunSummary, pass_rate
from app.domain.token import ApiToken
from app.domain.unset import UNSET, Unset
from app.domain.validation import (
    MAX_ELAPSED_SECONDS,
    MAX_NOTE_LENGTH,
    MAX_RUN_NAME_LENGTH,
    ValidationError,
    clean_elapsed,
    clean_note,
    clean_run_name,
    clean_test_case_ids,
    format_elapsed,
    parse_elapsed_text,
)

__all__ = [
    "MAX_ELAPSED_SECONDS",
    "MAX_NOTE_LENGTH",
    "MAX_RUN_NAME_LENGTH",
    "UNSET",
    "ApiToken",
    "ResultStatus",
    "RunStatus",
    "RunSummary",
    "Unset",
    "ValidationError",
    "clean_elapsed",
    "clean_note",
    "clean_run_name",
    "clean_test_case_ids",
    "format_elapsed",
    "is_read_only_run_status",
    "parse_elapsed_text",
    "pass_rate",
]
