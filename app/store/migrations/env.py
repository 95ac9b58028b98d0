"""Alembic environment for Testdeck's local cache, driven from `app.store.migrate`.

The caller hands over an open connection in `config.attributes["connection"]`; there is no
`alembic.ini` and no logging configuration here (`fileConfig` would disable the app's loggers).
"""

from alembic import context

from app.store.models import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Testdeck migrations run only through app.store.migrate.")

context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
