"""Who is asking, and may they see this project: Bearer tokens and project membership."""

from __future__ import annotations

import sqlite3

from app.sandbox import queries
from app.sandbox.errors import forbidden, not_found, unauthorized


def user_for(connection: sqlite3.Connection, authorization: str | None) -> str:
    """The id of the user whose token the `Authorization` header carries.

    Raises:
        ApiError: 401 when the header is missing, not `Bearer <token>`, or names no token.
    """
    scheme, _, token = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("Send your API token as 'Authorization: Bearer <token>'.")
    row = connection.execute(
        "SELECT user_id FROM tokens WHERE token = ?", (token.strip(),)
    ).fetchone()
    if row is None:
        raise unauthorized("This API token is not valid; create a new one in Testably.")
    return str(row["user_id"])


def check_project(connection: sqlite3.Connection, project_id: str, user_id: str) -> None:
    """Make sure the project exists and the user is one of its members.

    Raises:
        ApiError: 404 for an unknown project, 403 when the user is not a member.
    """
    exists = connection.execute("SELECT 1 FROM projects WHERE id = ?", (project_id,)).fetchone()
    if exists is None:
        raise not_found(f"There is no project {project_id}.")
    if not queries.is_member(connection, project_id, user_id):
        raise forbidden(f"You are not a member of project {project_id}.")


def check_run(
    connection: sqlite3.Connection, run_id: str, user_id: str, project_id: str | None = None
) -> None:
    """Make sure the run exists (in `project_id`, when given) and the user may see it.

    Raises:
        ApiError: 404 for an unknown run or a run of another project, 403 for a non-member.
    """
    if project_id is not None:
        check_project(connection, project_id, user_id)
    owner = queries.run_project_id(connection, run_id)
    if owner is None or (project_id is not None and owner != project_id):
        raise not_found(f"There is no run {run_id}" + (" in this project." if project_id else "."))
    if project_id is None:
        check_project(connection, owner, user_id)
