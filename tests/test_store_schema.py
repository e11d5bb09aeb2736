"""The store's schema and migrations: versions, data kept across a migration, ids never reused."""

from __future__ import annotations

import sqlite_utils

from jtbd_kit.store import open_db
from jtbd_kit.store.db import MIGRATIONS, SCHEMA_VERSION


def test_fresh_database_is_at_the_latest_version_with_fts_and_foreign_keys(db_path):
    db = open_db(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert {"interviews", "turns", "segments", "tags", "personas", "persona_members", "turns_fts"} <= set(
        db.table_names())


def test_migrating_an_older_database_keeps_its_segments(db_path):
    old = sqlite_utils.Database(db_path)
    for migration in MIGRATIONS[:2]:
        migration(old)
    old.execute("PRAGMA user_version = 2")
    old["interviews"].insert({"participant": "P-01", "language": "en", "text": "hello there"})
    old["segments"].insert({"interview_id": 1, "start": 0, "end": 5, "stage": "buying", "origin": "human"})
    old.conn.commit()
    old.close()

    db = open_db(db_path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    row = next(db["segments"].rows)
    assert (row["id"], row["stage"], row["origin"]) == (1, "buying", "human")
    assert [i.columns for i in db["segments"].indexes] == [["interview_id", "start"]]
    assert row["force_scores"] is None  # v4: coded before the model kept its probabilities


def test_segment_ids_are_never_reused_after_a_rerun(db_path):
    db = open_db(db_path)
    db["interviews"].insert({"participant": "P-01", "language": "en", "text": "hello there"})
    ids = [db["segments"].insert({"interview_id": 1, "start": k, "end": k + 1}).last_pk for k in range(3)]
    db["segments"].delete_where("id = ?", [ids[-1]])
    again = db["segments"].insert({"interview_id": 1, "start": 9, "end": 10}).last_pk
    assert again not in ids
