"""The full-text search table of ``pressdesk.core.search``: FTS5 on SQLite, tsvector + GIN on PostgreSQL.

The SQL is written out here rather than imported, so that this migration keeps
doing what it did when ``search.py`` changes later.
"""

from django.db import migrations

SQLITE = [
    """
    CREATE TABLE pressdesk_search (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        object_id INTEGER NOT NULL,
        body TEXT NOT NULL,
        UNIQUE (kind, object_id)
    )
    """,
    # External content: the words are indexed here, the body is kept once, in pressdesk_search.
    """
    CREATE VIRTUAL TABLE pressdesk_search_fts USING fts5(
        body,
        content='pressdesk_search',
        content_rowid='id',
        tokenize="unicode61 remove_diacritics 0",
        prefix='2 3 4'
    )
    """,
    # FTS5 learns of changes to its external content only through triggers. Its 'delete'
    # command must be given the body exactly as it was indexed, which old.body is.
    """
    CREATE TRIGGER pressdesk_search_inserted AFTER INSERT ON pressdesk_search BEGIN
        INSERT INTO pressdesk_search_fts (rowid, body) VALUES (new.id, new.body);
    END
    """,
    """
    CREATE TRIGGER pressdesk_search_deleted AFTER DELETE ON pressdesk_search BEGIN
        INSERT INTO pressdesk_search_fts (pressdesk_search_fts, rowid, body) VALUES ('delete', old.id, old.body);
    END
    """,
    """
    CREATE TRIGGER pressdesk_search_updated AFTER UPDATE ON pressdesk_search BEGIN
        INSERT INTO pressdesk_search_fts (pressdesk_search_fts, rowid, body) VALUES ('delete', old.id, old.body);
        INSERT INTO pressdesk_search_fts (rowid, body) VALUES (new.id, new.body);
    END
    """,
]

POSTGRESQL = [
    # The words are taken as they are, split on spaces, not run through to_tsvector: its
    # parser, even with the 'simple' configuration, reads "1e5a" as the number 1e5 and the
    # word "a", where FTS5 sees one word. No positions are kept; nothing searches phrases.
    """
    CREATE TABLE pressdesk_search (
        kind varchar(40) NOT NULL,
        object_id bigint NOT NULL,
        body text NOT NULL,
        vector tsvector GENERATED ALWAYS AS (array_to_tsvector(array_remove(string_to_array(body, ' '), ''))) STORED,
        PRIMARY KEY (kind, object_id)
    )
    """,
    "CREATE INDEX pressdesk_search_vector ON pressdesk_search USING gin (vector)",
]

# Dropping a table drops its triggers and indexes with it.
DROP = {
    "sqlite": ["DROP TABLE pressdesk_search_fts", "DROP TABLE pressdesk_search"],
    "postgresql": ["DROP TABLE pressdesk_search"],
}


def _statements(schema_editor, by_vendor: dict[str, list[str]]) -> list[str]:
    vendor = schema_editor.connection.vendor
    if vendor not in by_vendor:
        raise RuntimeError(f"pressdesk search needs SQLite or PostgreSQL; this database is {vendor}")
    return by_vendor[vendor]


def create(apps, schema_editor) -> None:
    for sql in _statements(schema_editor, {"sqlite": SQLITE, "postgresql": POSTGRESQL}):
        schema_editor.execute(sql, params=None)


def drop(apps, schema_editor) -> None:
    for sql in _statements(schema_editor, DROP):
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
