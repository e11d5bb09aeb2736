"""The project database: one module per table family; the only code that writes SQL."""

from jtbd_kit.store.db import DEFAULT_DB, open_db, resolve_db_path

__all__ = ["DEFAULT_DB", "open_db", "resolve_db_path"]
