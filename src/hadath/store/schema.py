"""The store's tables, as numbered migrations applied in order and counted in ``PRAGMA user_version``.

A migration is never edited once released: a change is a new migration, so that a
file written by an older hadath opens and upgrades in place. Tables are named for
what they hold so that the file reads in ``sqlite3`` or Datasette without this code.
"""

from __future__ import annotations

import sqlite3

MIGRATION_1 = """
CREATE TABLE meta (                 -- settings fixed when the file was made (cluster window, ...)
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE ingest_runs (          -- one `hadath ingest` run; `position` is its committed checkpoint
  id              INTEGER PRIMARY KEY,
  started_at      TEXT NOT NULL,
  finished_at     TEXT,
  status          TEXT NOT NULL CHECK (status IN ('running', 'finished')),
  sources         TEXT NOT NULL,    -- JSON list of the paths as given
  fingerprint     TEXT NOT NULL,    -- paths, sizes and mtimes: a run resumes only on the same input
  position        INTEGER NOT NULL DEFAULT 0,   -- input items read and committed so far
  documents_added INTEGER NOT NULL DEFAULT 0,
  duplicates      INTEGER NOT NULL DEFAULT 0,
  failures        INTEGER NOT NULL DEFAULT 0,
  hadath_version  TEXT NOT NULL
);

CREATE TABLE ingest_failures (      -- every input that could not be read or extracted: reported, never lost silently
  id       INTEGER PRIMARY KEY,
  run_id   INTEGER REFERENCES ingest_runs(id),
  source   TEXT NOT NULL,
  doc_id   TEXT,
  error    TEXT NOT NULL,
  message  TEXT NOT NULL
);

CREATE TABLE documents (            -- one row per distinct text (sha256 of its NFC form)
  id            INTEGER PRIMARY KEY,
  doc_id        TEXT NOT NULL,      -- the record id (the input's id)
  content_hash  TEXT NOT NULL UNIQUE,
  title         TEXT,
  outlet        TEXT,
  published     TEXT,
  day           TEXT,               -- published as YYYY-MM-DD
  url           TEXT,
  text          TEXT NOT NULL,      -- exactly as given: every span points into it
  record        TEXT NOT NULL,      -- JSON: the whole record as extracted, less its text (an export gives it back exactly)
  run_id        INTEGER REFERENCES ingest_runs(id)
);
CREATE INDEX documents_doc_id ON documents(doc_id);
CREATE INDEX documents_day ON documents(day);

CREATE TABLE document_sources (     -- every place a text was read from; a duplicate text adds a row here only
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents(id),
  doc_id       TEXT NOT NULL,
  source       TEXT NOT NULL,
  outlet       TEXT,
  url          TEXT,
  date         TEXT,
  run_id       INTEGER REFERENCES ingest_runs(id),
  UNIQUE (document_id, doc_id, source)
);

CREATE TABLE actors (               -- entities across documents: one row per type and canonical name
  id         INTEGER PRIMARY KEY,
  type       TEXT NOT NULL,
  name       TEXT NOT NULL,
  code       TEXT,
  country    TEXT,
  sector     TEXT,
  documents  INTEGER NOT NULL DEFAULT 0,
  mentions   INTEGER NOT NULL DEFAULT 0,
  events     INTEGER NOT NULL DEFAULT 0,
  first_day  TEXT,
  last_day   TEXT,
  UNIQUE (type, name)
);
CREATE INDEX actors_name ON actors(name COLLATE NOCASE);
CREATE INDEX actors_documents ON actors(documents);

CREATE TABLE entities (             -- an entity of one record (its e1, e2 ...)
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents(id),
  ordinal      INTEGER NOT NULL,
  local_id     TEXT NOT NULL,
  actor_id     INTEGER NOT NULL REFERENCES actors(id),
  type         TEXT NOT NULL,
  name         TEXT NOT NULL,
  code         TEXT,
  country      TEXT,
  sector       TEXT,
  surface      TEXT,
  UNIQUE (document_id, ordinal)
);
CREATE INDEX entities_actor ON entities(actor_id);

CREATE TABLE mentions (             -- each span an entity is named at (kind: name or adjective)
  entity_id   INTEGER NOT NULL REFERENCES entities(id),
  ordinal     INTEGER NOT NULL,
  span_start  INTEGER NOT NULL,
  span_end    INTEGER NOT NULL,
  kind        TEXT NOT NULL,
  PRIMARY KEY (entity_id, ordinal)
) WITHOUT ROWID;

CREATE TABLE event_clusters (       -- one event across articles: same parties, same root, days within the window
  id              INTEGER PRIMARY KEY,
  key             TEXT NOT NULL,    -- root|party_a|party_b (parties in source,target order when directed, else sorted)
  root            TEXT,
  party_a         TEXT,
  party_b         TEXT,
  directed        INTEGER NOT NULL,
  code            TEXT,             -- the code of its first event
  first_day       TEXT,
  last_day        TEXT,
  first_event_id  INTEGER,
  mentions        INTEGER NOT NULL DEFAULT 0,   -- event rows in it
  articles        INTEGER NOT NULL DEFAULT 0,   -- distinct documents
  outlets         INTEGER NOT NULL DEFAULT 0    -- distinct outlets over all sources of those documents
);
CREATE INDEX event_clusters_key ON event_clusters(key, last_day);
CREATE INDEX event_clusters_pair ON event_clusters(party_a, party_b, first_day);
CREATE INDEX event_clusters_party_b ON event_clusters(party_b, first_day);
CREATE INDEX event_clusters_day ON event_clusters(first_day);

CREATE TABLE events (               -- an event as one article reports it
  id               INTEGER PRIMARY KEY,
  document_id      INTEGER NOT NULL REFERENCES documents(id),
  ordinal          INTEGER NOT NULL,
  cluster_id       INTEGER REFERENCES event_clusters(id),
  code             TEXT,
  root             TEXT,
  name             TEXT,
  source_actor     TEXT,
  source_name      TEXT,
  source_entity    TEXT,
  target_actor     TEXT,
  target_name      TEXT,
  target_entity    TEXT,
  party_a          TEXT,            -- the two parties, sorted: a pair query finds either direction
  party_b          TEXT,
  directed         INTEGER,
  date             TEXT,            -- as extracted
  day              TEXT,            -- the event's day, else the document's: what filters and ordering use
  location         TEXT,
  span_start       INTEGER,         -- the passage in documents.text
  span_end         INTEGER,
  cue              TEXT,
  confidence       REAL,
  modality         TEXT,
  goldstein        REAL,
  quad_class       INTEGER,
  plover_event     TEXT,
  plover_mode      TEXT,
  outlet           TEXT,            -- the document's outlet, here so that an outlet query needs no join
  UNIQUE (document_id, ordinal)
);
CREATE INDEX events_day ON events(day);
CREATE INDEX events_code ON events(code, day);
CREATE INDEX events_root ON events(root, day);
CREATE INDEX events_pair ON events(party_a, party_b, day);
CREATE INDEX events_outlet ON events(outlet, day);
CREATE INDEX events_cluster ON events(cluster_id, document_id);

CREATE TABLE event_actors (         -- each party (CHN) and actor code (CHNGOV) of an event, by day: the actor index
  actor     TEXT NOT NULL,
  day       TEXT NOT NULL,          -- '' where the event has no day
  event_id  INTEGER NOT NULL REFERENCES events(id),
  PRIMARY KEY (actor, day, event_id)
) WITHOUT ROWID;

CREATE TABLE quotes (
  id              INTEGER PRIMARY KEY,
  document_id     INTEGER NOT NULL REFERENCES documents(id),
  ordinal         INTEGER NOT NULL,
  speaker         TEXT,             -- the record's entity id
  speaker_name    TEXT,
  speaker_actor_id INTEGER REFERENCES actors(id),
  cue             TEXT,
  how             TEXT,
  span_start      INTEGER,
  span_end        INTEGER,
  day             TEXT,
  outlet          TEXT,
  UNIQUE (document_id, ordinal)
);
CREATE INDEX quotes_speaker ON quotes(speaker_name COLLATE NOCASE, day);
CREATE INDEX quotes_day ON quotes(day);

CREATE TABLE relations (            -- a designated relationship between two states, as one article states it
  id           INTEGER PRIMARY KEY,
  document_id  INTEGER NOT NULL REFERENCES documents(id),
  ordinal      INTEGER NOT NULL,
  a            TEXT,
  b            TEXT,
  party_a      TEXT,                -- a and b sorted
  party_b      TEXT,
  designation  TEXT,
  since        TEXT,
  span_start   INTEGER,
  span_end     INTEGER,
  day          TEXT,
  outlet       TEXT,
  UNIQUE (document_id, ordinal)
);
CREATE INDEX relations_pair ON relations(party_a, party_b, day);
CREATE INDEX relations_day ON relations(day);

-- Full text over a NORMALISED copy of each text (hadath.analyse.normalise: alef/hamza forms,
-- ya/alef maqsura, ta marbuta, harakat and tatweel folded). Contentless: the text itself is in documents.
CREATE VIRTUAL TABLE documents_fts USING fts5(text, content='', tokenize='unicode61 remove_diacritics 0');

-- The passage of each event, for a person browsing the file.
CREATE VIEW event_passages AS
  SELECT e.id AS event_id, d.doc_id, e.day, e.code, e.name, e.source_actor, e.target_actor, e.outlet,
         substr(d.text, e.span_start + 1, e.span_end - e.span_start) AS passage
  FROM events e JOIN documents d ON d.id = e.document_id;
"""

MIGRATIONS: list[str] = [MIGRATION_1]
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaError(RuntimeError):
    """The file is not a hadath store this version can read."""


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the file to ``SCHEMA_VERSION``, each migration in its own transaction; returns the version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise SchemaError(f"the store is at schema version {version}; this hadath knows up to {SCHEMA_VERSION}: upgrade hadath")
    if version == 0 and conn.execute("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").fetchone()[0]:
        raise SchemaError("the file already holds tables that are not a hadath store")
    for number in range(version + 1, SCHEMA_VERSION + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[number - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return SCHEMA_VERSION


def _statements(script: str) -> list[str]:
    """A script split into complete statements (``executescript`` would commit on its own)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
