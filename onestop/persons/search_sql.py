"""The SQLite FTS5 search index of migration 0002, shared with the post_migrate check in
apps.py that restores the triggers after a migration rebuilds persons_person."""

SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS persons_person_fts USING fts5("
    "search_text, content='persons_person', content_rowid='id', tokenize='trigram')"
)
SQLITE_TRIGGERS = [
    "CREATE TRIGGER IF NOT EXISTS persons_person_fts_ai AFTER INSERT ON persons_person BEGIN "
    "INSERT INTO persons_person_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS persons_person_fts_ad AFTER DELETE ON persons_person BEGIN "
    "INSERT INTO persons_person_fts(persons_person_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS persons_person_fts_au AFTER UPDATE OF search_text "
    "ON persons_person BEGIN "
    "INSERT INTO persons_person_fts(persons_person_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO persons_person_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
]
