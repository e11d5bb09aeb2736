"""Opening the project database: path resolution, pragmas, schema migrations.

The schema version lives in SQLite's `user_version`; each migration is a function that
brings the database one version up, run inside one transaction (later ones use
sqlite-utils `transform`).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from jtbd_kit.errors import UserError

DEFAULT_DB = "jtbd.db"


def resolve_db_path(path: str | Path | None = None) -> Path:
    """--db wins, then $JTBD_DB, then ./jtbd.db."""
    return Path(path or os.environ.get("JTBD_DB") or DEFAULT_DB)


def _v1(db: sqlite_utils.Database) -> None:
    db["interviews"].create({
        "id": int, "participant": str, "language": str, "interviewer": str, "respondent": str,
        "product": str, "date": str, "source": str, "sha256": str, "format": str, "meta": str,
        "text": str, "imported_at": str,
    }, pk="id", not_null={"participant", "language", "text"})
    db["interviews"].create_index(["participant"], unique=True)
    db["turns"].create({
        "id": int, "interview_id": int, "idx": int, "speaker": str, "role": str, "seconds": float,
        "text": str, "start": int, "end": int, "line": int,
    }, pk="id", foreign_keys=[("interview_id", "interviews", "id")], not_null={"interview_id", "text"})
    db["turns"].create_index(["interview_id", "idx"], unique=True)
    db["turns"].enable_fts(["text", "speaker"], create_triggers=True, tokenize="unicode61")
    db["segments"].create({
        "id": int, "interview_id": int, "turn_idx": int, "start": int, "end": int, "text": str,
        "stage": str, "forces": str, "emotion": int, "emotion_score": float, "touchpoints": str,
        "pains": str, "confidence": float, "cues": str, "origin": str, "coder": str, "coded_at": str,
    }, pk="id", foreign_keys=[("interview_id", "interviews", "id")],
        not_null={"interview_id", "start", "end", "origin"}, defaults={"origin": "machine"})
    db["segments"].create_index(["interview_id", "start"])
    db["tags"].create({
        "id": int, "interview_id": int, "turn_idx": int, "seconds": float, "kind": str, "note": str,
        "source": str, "created_at": str,
    }, pk="id", foreign_keys=[("interview_id", "interviews", "id")], not_null={"interview_id", "kind"})
    db["personas"].create({
        "id": int, "key": str, "name": str, "description": str, "job": str, "data": str,
        "origin": str, "created_at": str,
    }, pk="id", not_null={"name"}, defaults={"origin": "machine"})
    db["persona_members"].create({
        "persona_id": int, "interview_id": int, "origin": str,
    }, pk="interview_id", foreign_keys=[("persona_id", "personas", "id"), ("interview_id", "interviews", "id")],
        defaults={"origin": "machine"})


def _v2_machine_codes(db: sqlite_utils.Database) -> None:
    """segments.machine_codes: the machine's draft codes (JSON), kept when a person first reviews a segment."""
    db["segments"].add_column("machine_codes", str)


def _v3_segment_ids_never_reused(db: sqlite_utils.Database) -> None:
    """segments.id AUTOINCREMENT: after a machine re-run no new segment takes a deleted one's id,
    so an id a researcher copied from `jtbd review --list` always means the same segment.

    sqlite-utils `transform` keeps AUTOINCREMENT but cannot add it, so this one copy is done by hand;
    later `transform` migrations preserve it.
    """
    table = db["segments"]
    indexes = [(i.name, i.columns, i.unique) for i in table.indexes]
    schema = table.schema.replace('CREATE TABLE "segments"', 'CREATE TABLE "segments_new"', 1)
    schema = schema.replace('"id" INTEGER PRIMARY KEY', '"id" INTEGER PRIMARY KEY AUTOINCREMENT', 1)
    db.execute(schema)
    db.execute('INSERT INTO "segments_new" SELECT * FROM "segments"')
    table.drop()
    db.rename_table("segments_new", "segments")
    for name, columns, unique in indexes:
        db["segments"].create_index(columns, index_name=name, unique=bool(unique))


def _v4_force_scores(db: sqlite_utils.Database) -> None:
    """segments.force_scores: the learned model's probability of each force (JSON), which the
    persona features weigh by instead of the yes/no decision (rows coded before stay empty)."""
    db["segments"].add_column("force_scores", str)


MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [_v1, _v2_machine_codes, _v3_segment_ids_never_reused,
                                                            _v4_force_scores]
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(db: sqlite_utils.Database) -> None:
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise UserError(f"database schema v{version} is newer than this jtbd-kit (v{SCHEMA_VERSION})",
                        db.conn.execute("PRAGMA database_list").fetchone()[2] or None, None,
                        "upgrade jtbd-kit: pip install -U jtbd-kit")
    for number in range(version, SCHEMA_VERSION):
        with db.atomic():
            MIGRATIONS[number](db)
            db.execute(f"PRAGMA user_version = {number + 1}")


def discard_db(path: str | Path, db: sqlite_utils.Database | None = None) -> None:
    """Close and delete a database this command created, with its WAL files: a command that
    fails, or imports nothing, leaves no empty project behind."""
    path = Path(path)
    if db is not None:
        db.close()
    for p in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        p.unlink(missing_ok=True)


def open_db(path: str | Path | None = None, create: bool = True) -> sqlite_utils.Database:
    """Open (and create or migrate) the project database with foreign keys on and WAL."""
    p = resolve_db_path(path)
    if not create and not p.exists():
        demo = p.parent / "jtbd-demo" / DEFAULT_DB
        if demo.is_file():  # `jtbd demo` was run here: its project is one folder down
            raise UserError("no project database here", p, None, f"for the demo's project pass --db {demo}")
        raise UserError("no project database here", p, None,
                        "import transcripts first: jtbd import transcripts/, or pass --db PATH")
    if not p.parent.is_dir():
        problem = "is a file, not a folder" if p.parent.exists() else "does not exist"
        raise UserError(f"folder for the database {problem}", p, None, "create it or pick another --db")
    hint = "pass the project's .db file with --db, or a new file name to start a project"
    try:
        db = sqlite_utils.Database(p)
        db.execute("PRAGMA foreign_keys = ON")
        if db.execute("PRAGMA user_version").fetchone()[0] == 0 and db.table_names():
            db.close()  # another program's database: never add our tables to it
            raise UserError("a SQLite database of another program, not a jtbd project", p, None, hint)
        db.enable_wal()
        migrate(db)
    except sqlite3.DatabaseError as e:
        raise database_error(e, p) from None
    return db


def database_error(e: sqlite3.DatabaseError, path: Path | None) -> UserError:
    """What an SQLite failure means to a researcher, as one UserError: a full disk, a read-only
    folder and a damaged file each need a different fix."""
    import os

    message = str(e)
    if "disk is full" in message:
        return UserError("the disk is full", path, None, "free some space and run it again")
    if "locked" in message or "busy" in message:
        return UserError("the project database is busy: another command or program is writing to it", path, None,
                         "wait for it to finish (or close it), then run this again")
    if "disk I/O error" in message:
        return UserError("the disk could not be read or written (disk I/O error)", path, None,
                         "check the disk or the network drive the project is on, then run this again")
    folder = path.parent if path is not None else None
    if folder is not None and (not os.access(folder, os.W_OK) or path.exists() and not os.access(path, os.W_OK)):
        return UserError("the project's folder or database is read-only", path, None,
                         "copy the project to a folder you can write in, or pass --db PATH there")
    if "malformed" in message:
        return UserError("the project database is damaged (database disk image is malformed)", path, None,
                         "restore it from a backup; `sqlite3 FILE .recover` may save what is left")
    problem = "the file is not SQLite" if "not a database" in message else message
    return UserError(f"not a jtbd project database: {problem}", path, None,
                     "pass the project's .db file with --db, or a new file name to start a project")
