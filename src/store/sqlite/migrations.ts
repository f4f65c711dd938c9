/**
 * The SQLite schema as an ordered list of migrations. Each is applied once, in its own transaction,
 * and recorded in `schema_migrations`; a database whose latest migration is newer than the last one
 * here was written by a newer Parley and is refused. Never edit a released migration: add the next one.
 *
 * Layout (version 1):
 * - runs: one row per ingest (sources, config hash, stage versions, counts as reported when it finished).
 * - pages: one row per page seen, keyed by its source key (resume), with its outcome; `page_raw` holds the
 *   gzip-compressed HTML apart, so scans of `pages` stay small.
 * - articles: one per canonical URL; the extracted fields as columns, arrays and provenance as JSON, and
 *   the block structure with the Markdown as gzip-compressed JSON (`body_gz`: read whole, never queried).
 *   `published_ms` (UTC) and `site_key` (reversed host) are derived for the filters.
 * - articles_fts: FTS5 over title and text, external content (no second copy of the text), kept in sync
 *   by triggers; BM25 with the title weighted 3:1.
 * - article_bands: LSH band keys → articles (near-duplicate candidates); the MinHash signature is a blob
 *   on the article. No index by article: articles are never deleted (a migration adds one if they are).
 * - duplicate_groups / duplicate_members: the syndication graph.
 * - failures: why a page is not an article (rejected) or went wrong (failed).
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

/** "Prly": marks a SQLite file as a Parley database (PRAGMA application_id). */
export const PARLEY_APPLICATION_ID = 0x50726c79;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'runs, pages, articles with full-text search, duplicate groups, failures',
    up: `
      CREATE TABLE runs (
        id             INTEGER PRIMARY KEY,
        started_at     TEXT NOT NULL,
        finished_at    TEXT,
        status         TEXT CHECK (status IN ('completed', 'interrupted', 'failed')),
        sources        TEXT NOT NULL,
        config_hash    TEXT NOT NULL,
        stage_versions TEXT NOT NULL,
        keep_raw       INTEGER NOT NULL,
        counts         TEXT
      );

      CREATE TABLE articles (
        id                INTEGER PRIMARY KEY,
        page_id           INTEGER NOT NULL UNIQUE REFERENCES pages(id),
        run_id            INTEGER NOT NULL REFERENCES runs(id),
        canonical_url     TEXT NOT NULL UNIQUE,
        site_key          TEXT NOT NULL,
        published_ms      INTEGER,
        first_seen        TEXT NOT NULL,
        text_hash         TEXT,
        minhash           BLOB,
        title             TEXT,
        text              TEXT NOT NULL,
        authors           TEXT NOT NULL,
        published         TEXT,
        modified          TEXT,
        language          TEXT,
        site_name         TEXT,
        url               TEXT,
        declared_canonical_url TEXT,
        description       TEXT,
        image             TEXT,
        section           TEXT,
        tags              TEXT NOT NULL,
        captions          TEXT NOT NULL,
        word_count        INTEGER NOT NULL,
        provenance        TEXT NOT NULL,
        body_gz           BLOB NOT NULL
      );
      CREATE INDEX articles_by_published ON articles(published_ms);
      CREATE INDEX articles_by_site ON articles(site_key, published_ms);
      CREATE INDEX articles_by_language ON articles(language, published_ms);
      CREATE INDEX articles_by_text_hash ON articles(text_hash);
      CREATE INDEX articles_by_url ON articles(url);

      CREATE TABLE pages (
        id               INTEGER PRIMARY KEY,
        run_id           INTEGER NOT NULL REFERENCES runs(id),
        source           TEXT NOT NULL,
        source_key       TEXT NOT NULL UNIQUE,
        url              TEXT,
        canonical_url    TEXT,
        fetched_at       TEXT NOT NULL,
        http_status      INTEGER,
        content_hash     TEXT,
        content_type     TEXT,
        etag             TEXT,
        last_modified    TEXT,
        outcome          TEXT NOT NULL CHECK (outcome IN ('article', 'duplicate', 'rejected', 'failed')),
        duplicate_of     INTEGER REFERENCES articles(id),
        duplicate_reason TEXT,
        similarity       REAL
      );
      CREATE INDEX pages_by_url ON pages(url, fetched_at);
      CREATE INDEX pages_by_run ON pages(run_id, outcome);
      CREATE INDEX pages_by_duplicate ON pages(duplicate_of);

      CREATE TABLE page_raw (
        page_id INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
        html_gz BLOB NOT NULL
      );

      CREATE TABLE failures (
        page_id INTEGER PRIMARY KEY REFERENCES pages(id) ON DELETE CASCADE,
        kind    TEXT NOT NULL CHECK (kind IN ('rejected', 'failed')),
        stage   TEXT NOT NULL,
        code    TEXT NOT NULL,
        message TEXT NOT NULL
      );
      CREATE INDEX failures_by_reason ON failures(kind, stage, code);

      CREATE TABLE article_bands (
        band_key   TEXT NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        PRIMARY KEY (band_key, article_id)
      ) WITHOUT ROWID;

      CREATE TABLE duplicate_groups (
        id          INTEGER PRIMARY KEY,
        original_id INTEGER NOT NULL REFERENCES articles(id),
        created_at  TEXT NOT NULL
      );
      CREATE TABLE duplicate_members (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id),
        group_id   INTEGER NOT NULL REFERENCES duplicate_groups(id),
        matched_id INTEGER REFERENCES articles(id),
        similarity REAL NOT NULL
      );
      CREATE INDEX duplicate_members_by_group ON duplicate_members(group_id);

      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text,
        content = 'articles', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0)');
      CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
      END;
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
      END;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
      END;
    `,
  },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
