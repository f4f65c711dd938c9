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
 *
 * Version 2 (the analysis layers, see store/analysis.ts; each table has the article's id, and an
 * article's rows are replaced together in one transaction):
 * - article_stages: which analysis stage versions produced the stored layers (reanalyze reads them);
 *   analysis_failures: the stages that failed on an article (not page failures: the page is stored).
 * - entities (one row per document entity) and mentions; quotes with their cue and speaker; article_themes
 *   (one score per theme) with theme_evidence; events; tone (the document row and the sentence rows).
 * - events and quotes copy the article's site key and carry a `sort_ms` (the event's date, else the
 *   article's; undated rows get the largest instant), so their filters and their order are index ranges.
 * - articles_newest: an index for listing articles newest first (undated last) without a sort.
 *
 * Version 3: articles_filter_keys, a covering index (id, published_ms, site_key, language). A search with
 * a date, site or language filter checks every full-text match against the filter; read from the
 * article rows (wide: the text starts on the same page) that costs a page per match, read from this
 * index a few hundred matches share a page (bench:search: a frequent word within one year, 117 → 33 ms
 * on a million articles).
 *
 * Version 4 (the workbench's charts, answered from indexes and totals that do not grow with a question):
 * - quotes_fts: full-text search over quotes (external content: the quote rows; kept in step by triggers,
 *   since a save deletes and re-inserts an article's quotes), so "quotes with these words" is an index lookup.
 * - entities and article_themes carry their article's published_ms, with indexes (code, published_ms) and
 *   (theme, published_ms): an actor's or a theme's articles over time are one index range.
 * - actor_totals and theme_totals: articles and mentions per (code, name, type) and per theme over the
 *   whole archive; article_days (articles and document tone per published day) and event_days (events and
 *   Goldstein per day and quad class), theme_days (articles, scores and evidence per theme and day). Triggers on the layer rows
 *   keep them in step with every insert and delete (a save replaces an article's rows: its old counts
 *   leave, its new ones come), so the unfiltered charts — the first thing every view shows — read a few
 *   thousand rows, not the archive.
 * - tone_document: the document tone by article (a partial covering index), for timelines of a selection;
 *   quotes_by_speaker: a speaker's quotes by date; quote_speakers_fts: speakers' names and codes by trigram.
 *
 * Version 5 (the places layers): places (every place an article names, resolved to a gazetteer entry);
 * article_places (the article's focus: the countries and cities it is mainly about; indexed by country,
 * for `country:SYR` and the country filters); the events' locations (GDELT's ActionGeo) as geo_*
 * columns of events, indexed by country; place_totals, the map's counts over the whole archive (triggers).
 *
 * Version 6: the full-text index holds Parley's own search tokens (store/query/tokens.ts: the same in
 * every adapter; Chinese, Japanese and Korean as character pairs, so a few characters of a word find
 * it), written by the SQL function parley_search_tokens() that every Parley connection defines. The
 * index keeps no copy of the text (contentless, deletable rows); snippets are cut from the article text.
 *
 * Version 7: event records (store/event-groups.ts). event_groups: one row per record, keyed by the actors,
 * the CAMEO root and the first day (undated records by their article), with its `sort_ms` for the date
 * order; event_group_members: each grouped event's record. An article's saved analysis regroups its
 * events (its old rows leave their records; a record left empty is deleted).
 *
 * Version 8 (the workbench's map and actor pages, from indexes alone): place_keys, one integer per place
 * (a city by its name and point, a country by its code), which article_places and located events carry
 * as place_id — the map groups one integer, not a place's text columns; article_places also carry their
 * article's published_ms (kept by a trigger when an article's date changes); covering indexes by date
 * and by article for both (the map of a period, or of the articles a theme or an actor picks, reads no
 * table rows); entities by (code, published_ms, article_id), so an actor's articles
 * over time read no table rows; events by (source, target, date), so the events between two actors (either
 * way round) are found in the index, not by reading every event of one of them, and by source or target
 * covering their article and place (the map of an actor's events reads no event rows).
 *
 * Version 9 (revisions, and what an archive remembers):
 * - article_revisions: the earlier texts of an article whose page changed (a live blog, a correction): the
 *   whole extracted article as gzip-compressed JSON, the page that brought it and when it was first seen.
 *   articles.revisions counts them; articles.text_seen_at and text_page_id say when and from which page
 *   the current text came (NULL: first_seen and page_id, the text never changed).
 * - article_bands_by_article: a revision replaces an article's LSH band keys, found by article.
 * - archive_settings: a name and a text value per setting (the theme taxonomy given with --themes).
 */
import { UNDATED_SORT_MS } from '../analysis-filters.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: string;
}

/** "Prly": marks a SQLite file as a Parley database (PRAGMA application_id). */
export const PARLEY_APPLICATION_ID = 0x50726c79;

const DAY_MS = 86_400_000;

/**
 * The UTC day (days since 1970-01-01, floored: 1969-12-31 is -1) of an instant in ms, as SQL; NULL stays
 * NULL. Integer division truncates toward zero, so instants before 1970 step back one day first.
 */
function dayOf(ms: string): string {
  return `(CASE WHEN ${ms} >= 0 THEN ${ms} / ${DAY_MS} ELSE (${ms} - ${DAY_MS - 1}) / ${DAY_MS} END)`;
}

/** The stand-in day of undated articles in article_days (no real day is that far back). */
export const UNDATED_DAY = -100_000_000;

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
  {
    version: 2,
    name: 'analysis layers: entities, mentions, quotes, themes, events, tone, stage versions, stage failures',
    up: `
      CREATE INDEX articles_newest ON articles(coalesce(published_ms, -8640000000000000) DESC, id DESC);

      CREATE TABLE article_stages (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        stage      TEXT NOT NULL,
        version    TEXT NOT NULL,
        PRIMARY KEY (article_id, stage)
      );

      CREATE TABLE analysis_failures (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        stage      TEXT NOT NULL,
        code       TEXT NOT NULL,
        message    TEXT NOT NULL
      );
      CREATE INDEX analysis_failures_by_article ON analysis_failures(article_id);
      CREATE INDEX analysis_failures_by_reason ON analysis_failures(stage, code);

      CREATE TABLE entities (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        entity     INTEGER NOT NULL,
        name       TEXT NOT NULL,
        type       TEXT NOT NULL,
        role       TEXT,
        code       TEXT,
        confidence REAL NOT NULL,
        mentions   INTEGER NOT NULL,
        PRIMARY KEY (article_id, entity)
      ) WITHOUT ROWID;
      CREATE INDEX entities_by_code ON entities(code);

      CREATE TABLE mentions (
        id         INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        start      INTEGER NOT NULL,
        "end"      INTEGER NOT NULL,
        kind       TEXT NOT NULL,
        entity     INTEGER NOT NULL
      );
      CREATE INDEX mentions_by_article ON mentions(article_id, entity);

      CREATE TABLE quotes (
        id            INTEGER PRIMARY KEY,
        article_id    INTEGER NOT NULL REFERENCES articles(id),
        site_key      TEXT NOT NULL,
        sort_ms       INTEGER NOT NULL,
        start         INTEGER NOT NULL,
        "end"         INTEGER NOT NULL,
        text          TEXT NOT NULL,
        kind          TEXT NOT NULL,
        cue_start     INTEGER,
        cue_end       INTEGER,
        cue_text      TEXT,
        speaker_name  TEXT,
        speaker_code  TEXT,
        speaker_text  TEXT,
        speaker_start INTEGER,
        speaker_end   INTEGER,
        confidence    REAL NOT NULL
      );
      CREATE INDEX quotes_by_article ON quotes(article_id);
      CREATE INDEX quotes_by_date ON quotes(sort_ms, id);

      CREATE TABLE article_themes (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        theme      TEXT NOT NULL,
        label      TEXT NOT NULL,
        score      REAL NOT NULL,
        evidence   INTEGER NOT NULL,
        PRIMARY KEY (article_id, theme)
      ) WITHOUT ROWID;
      CREATE INDEX article_themes_by_theme ON article_themes(theme, article_id);

      CREATE TABLE theme_evidence (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        theme      TEXT NOT NULL,
        start      INTEGER NOT NULL,
        "end"      INTEGER NOT NULL,
        weight     REAL NOT NULL
      );
      CREATE INDEX theme_evidence_by_article ON theme_evidence(article_id, theme);

      CREATE TABLE events (
        id             INTEGER PRIMARY KEY,
        article_id     INTEGER NOT NULL REFERENCES articles(id),
        site_key       TEXT NOT NULL,
        sort_ms        INTEGER NOT NULL,
        start          INTEGER NOT NULL,
        "end"          INTEGER NOT NULL,
        source_code    TEXT,
        source_name    TEXT,
        source_start   INTEGER,
        source_end     INTEGER,
        target_code    TEXT,
        target_name    TEXT,
        target_start   INTEGER,
        target_end     INTEGER,
        code           TEXT NOT NULL,
        root           TEXT NOT NULL,
        quad_class     INTEGER NOT NULL CHECK (quad_class BETWEEN 1 AND 4),
        goldstein      REAL NOT NULL,
        plover_type    TEXT,
        plover_mode    TEXT,
        verb_start     INTEGER NOT NULL,
        verb_end       INTEGER NOT NULL,
        date           TEXT,
        place_name     TEXT,
        place_code     TEXT,
        place_start    INTEGER,
        place_end      INTEGER,
        negated        INTEGER NOT NULL,
        confidence     REAL NOT NULL
      );
      CREATE INDEX events_by_article ON events(article_id);
      CREATE INDEX events_by_date ON events(sort_ms, id);
      CREATE INDEX events_by_source ON events(source_code, sort_ms);
      CREATE INDEX events_by_target ON events(target_code, sort_ms);
      CREATE INDEX events_by_code ON events(code, sort_ms);

      CREATE TABLE tone (
        article_id     INTEGER NOT NULL REFERENCES articles(id),
        scope          TEXT NOT NULL CHECK (scope IN ('document', 'sentence')),
        start          INTEGER NOT NULL,
        "end"          INTEGER NOT NULL,
        positive       REAL NOT NULL,
        negative       REAL NOT NULL,
        tone           REAL NOT NULL,
        polarity       REAL NOT NULL,
        activity       REAL NOT NULL,
        self_reference REAL NOT NULL,
        word_count     INTEGER NOT NULL
      );
      CREATE INDEX tone_by_article ON tone(article_id, scope, start);
    `,
  },
  {
    version: 3,
    name: 'a narrow covering index of the search filter columns',
    up: `
      CREATE INDEX articles_filter_keys ON articles(id, published_ms, site_key, language);
    `,
  },
  {
    version: 4,
    name: 'the workbench: full-text search over quotes; dated layer rows; totals and daily counts kept by triggers',
    up: `
      CREATE VIRTUAL TABLE quotes_fts USING fts5(
        text,
        content = 'quotes', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
      END;
      CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
      END;
      CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
        INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
      END;
      INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild');

      CREATE INDEX tone_document ON tone(article_id, tone) WHERE scope = 'document';

      ALTER TABLE entities ADD COLUMN published_ms INTEGER;
      ALTER TABLE article_themes ADD COLUMN published_ms INTEGER;
      UPDATE entities SET published_ms = (SELECT a.published_ms FROM articles a WHERE a.id = entities.article_id);
      UPDATE article_themes SET published_ms = (SELECT a.published_ms FROM articles a WHERE a.id = article_themes.article_id);
      CREATE INDEX entities_by_code_date ON entities(code, published_ms);
      CREATE INDEX article_themes_by_date ON article_themes(theme, published_ms);

      CREATE TABLE actor_totals (
        code     TEXT NOT NULL,
        name     TEXT NOT NULL,
        type     TEXT NOT NULL,
        articles INTEGER NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (code, name, type)
      ) WITHOUT ROWID;
      CREATE INDEX actor_totals_by_articles ON actor_totals(articles DESC, mentions DESC);
      INSERT INTO actor_totals SELECT coalesce(code, ''), name, type, count(*), sum(mentions) FROM entities GROUP BY 1, 2, 3;
      CREATE TRIGGER actor_totals_insert AFTER INSERT ON entities BEGIN
        INSERT INTO actor_totals (code, name, type, articles, mentions) VALUES (coalesce(new.code, ''), new.name, new.type, 1, new.mentions)
          ON CONFLICT (code, name, type) DO UPDATE SET articles = articles + 1, mentions = mentions + excluded.mentions;
      END;
      CREATE TRIGGER actor_totals_delete AFTER DELETE ON entities BEGIN
        UPDATE actor_totals SET articles = articles - 1, mentions = mentions - old.mentions WHERE code = coalesce(old.code, '') AND name = old.name AND type = old.type;
        DELETE FROM actor_totals WHERE code = coalesce(old.code, '') AND name = old.name AND type = old.type AND articles <= 0;
      END;

      CREATE TABLE theme_totals (
        theme     TEXT NOT NULL PRIMARY KEY,
        label     TEXT NOT NULL,
        articles  INTEGER NOT NULL,
        score_sum REAL NOT NULL,
        evidence  INTEGER NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO theme_totals SELECT theme, max(label), count(*), sum(score), sum(evidence) FROM article_themes GROUP BY theme;
      CREATE TRIGGER theme_totals_insert AFTER INSERT ON article_themes BEGIN
        INSERT INTO theme_totals (theme, label, articles, score_sum, evidence) VALUES (new.theme, new.label, 1, new.score, new.evidence)
          ON CONFLICT (theme) DO UPDATE SET articles = articles + 1, score_sum = score_sum + excluded.score_sum, evidence = evidence + excluded.evidence, label = excluded.label;
      END;
      CREATE TRIGGER theme_totals_delete AFTER DELETE ON article_themes BEGIN
        UPDATE theme_totals SET articles = articles - 1, score_sum = score_sum - old.score, evidence = evidence - old.evidence WHERE theme = old.theme;
        DELETE FROM theme_totals WHERE theme = old.theme AND articles <= 0;
      END;

      -- day: whole UTC days since 1970 (dayOf); undated articles count under UNDATED_DAY.
      CREATE TABLE article_days (
        day      INTEGER NOT NULL PRIMARY KEY,
        articles INTEGER NOT NULL,
        toned    INTEGER NOT NULL,
        tone_sum REAL NOT NULL
      ) WITHOUT ROWID;
      INSERT INTO article_days SELECT coalesce(${dayOf('a.published_ms')}, ${UNDATED_DAY}), count(*), count(t.tone), coalesce(sum(t.tone), 0)
        FROM articles a LEFT JOIN tone t ON t.article_id = a.id AND t.scope = 'document' GROUP BY 1;
      CREATE TRIGGER article_days_insert AFTER INSERT ON articles BEGIN
        INSERT INTO article_days (day, articles, toned, tone_sum) VALUES (coalesce(${dayOf('new.published_ms')}, ${UNDATED_DAY}), 1, 0, 0)
          ON CONFLICT (day) DO UPDATE SET articles = articles + 1;
      END;
      CREATE TRIGGER article_days_redate AFTER UPDATE OF published_ms ON articles BEGIN
        UPDATE article_days SET articles = articles - 1 WHERE day = coalesce(${dayOf('old.published_ms')}, ${UNDATED_DAY});
        INSERT INTO article_days (day, articles, toned, tone_sum) VALUES (coalesce(${dayOf('new.published_ms')}, ${UNDATED_DAY}), 1, 0, 0)
          ON CONFLICT (day) DO UPDATE SET articles = articles + 1;
        UPDATE article_days SET toned = toned - 1, tone_sum = tone_sum - t.tone FROM (SELECT tone FROM tone WHERE article_id = new.id AND scope = 'document') AS t
          WHERE day = coalesce(${dayOf('old.published_ms')}, ${UNDATED_DAY});
        UPDATE article_days SET toned = toned + 1, tone_sum = tone_sum + t.tone FROM (SELECT tone FROM tone WHERE article_id = new.id AND scope = 'document') AS t
          WHERE day = coalesce(${dayOf('new.published_ms')}, ${UNDATED_DAY});
        UPDATE entities SET published_ms = new.published_ms WHERE article_id = new.id;
        UPDATE article_themes SET published_ms = new.published_ms WHERE article_id = new.id;
      END;
      CREATE TRIGGER article_days_tone_insert AFTER INSERT ON tone WHEN new.scope = 'document' BEGIN
        UPDATE article_days SET toned = toned + 1, tone_sum = tone_sum + new.tone
          WHERE day = coalesce(${dayOf('(SELECT published_ms FROM articles WHERE id = new.article_id)')}, ${UNDATED_DAY});
      END;
      CREATE TRIGGER article_days_tone_delete AFTER DELETE ON tone WHEN old.scope = 'document' BEGIN
        UPDATE article_days SET toned = toned - 1, tone_sum = tone_sum - old.tone
          WHERE day = coalesce(${dayOf('(SELECT published_ms FROM articles WHERE id = old.article_id)')}, ${UNDATED_DAY});
      END;

      CREATE TABLE theme_days (
        theme     TEXT NOT NULL,
        day       INTEGER NOT NULL,
        articles  INTEGER NOT NULL,
        score_sum REAL NOT NULL,
        evidence  INTEGER NOT NULL,
        PRIMARY KEY (theme, day)
      ) WITHOUT ROWID;
      INSERT INTO theme_days SELECT theme, ${dayOf('published_ms')}, count(*), sum(score), sum(evidence) FROM article_themes WHERE published_ms IS NOT NULL GROUP BY 1, 2;
      CREATE TRIGGER theme_days_insert AFTER INSERT ON article_themes WHEN new.published_ms IS NOT NULL BEGIN
        INSERT INTO theme_days (theme, day, articles, score_sum, evidence) VALUES (new.theme, ${dayOf('new.published_ms')}, 1, new.score, new.evidence)
          ON CONFLICT (theme, day) DO UPDATE SET articles = articles + 1, score_sum = score_sum + excluded.score_sum, evidence = evidence + excluded.evidence;
      END;
      CREATE TRIGGER theme_days_delete AFTER DELETE ON article_themes WHEN old.published_ms IS NOT NULL BEGIN
        UPDATE theme_days SET articles = articles - 1, score_sum = score_sum - old.score, evidence = evidence - old.evidence WHERE theme = old.theme AND day = ${dayOf('old.published_ms')};
      END;
      CREATE TRIGGER theme_days_redate AFTER UPDATE OF published_ms ON article_themes BEGIN
        UPDATE theme_days SET articles = articles - 1, score_sum = score_sum - old.score, evidence = evidence - old.evidence
          WHERE old.published_ms IS NOT NULL AND theme = old.theme AND day = ${dayOf('old.published_ms')};
        INSERT INTO theme_days (theme, day, articles, score_sum, evidence) SELECT new.theme, ${dayOf('new.published_ms')}, 1, new.score, new.evidence WHERE new.published_ms IS NOT NULL
          ON CONFLICT (theme, day) DO UPDATE SET articles = articles + 1, score_sum = score_sum + excluded.score_sum, evidence = evidence + excluded.evidence;
      END;

      CREATE INDEX quotes_by_speaker ON quotes(speaker_code, sort_ms);
      -- A speaker's name or code containing some letters (the speaker filter) is a trigram lookup, not a scan.
      CREATE VIRTUAL TABLE quote_speakers_fts USING fts5(speaker, content = '', contentless_delete = 1, tokenize = 'trigram');
      INSERT INTO quote_speakers_fts(rowid, speaker) SELECT id, coalesce(speaker_name, '') || ' ' || coalesce(speaker_code, '') FROM quotes;
      CREATE TRIGGER quote_speakers_fts_insert AFTER INSERT ON quotes BEGIN
        INSERT INTO quote_speakers_fts(rowid, speaker) VALUES (new.id, coalesce(new.speaker_name, '') || ' ' || coalesce(new.speaker_code, ''));
      END;
      CREATE TRIGGER quote_speakers_fts_delete AFTER DELETE ON quotes BEGIN
        DELETE FROM quote_speakers_fts WHERE rowid = old.id;
      END;

      CREATE TABLE event_days (
        day           INTEGER NOT NULL,
        quad_class    INTEGER NOT NULL,
        events        INTEGER NOT NULL,
        goldstein_sum REAL NOT NULL,
        PRIMARY KEY (day, quad_class)
      ) WITHOUT ROWID;
      INSERT INTO event_days SELECT ${dayOf('sort_ms')}, quad_class, count(*), sum(goldstein) FROM events WHERE sort_ms < 8640000000000000 GROUP BY 1, 2;
      CREATE TRIGGER event_days_insert AFTER INSERT ON events WHEN new.sort_ms < 8640000000000000 BEGIN
        INSERT INTO event_days (day, quad_class, events, goldstein_sum) VALUES (${dayOf('new.sort_ms')}, new.quad_class, 1, new.goldstein)
          ON CONFLICT (day, quad_class) DO UPDATE SET events = events + 1, goldstein_sum = goldstein_sum + excluded.goldstein_sum;
      END;
      CREATE TRIGGER event_days_delete AFTER DELETE ON events WHEN old.sort_ms < 8640000000000000 BEGIN
        UPDATE event_days SET events = events - 1, goldstein_sum = goldstein_sum - old.goldstein WHERE day = ${dayOf('old.sort_ms')} AND quad_class = old.quad_class;
      END;
    `,
  },
  {
    version: 5,
    name: 'places, article focus and event locations',
    up: `
      CREATE TABLE places (
        article_id   INTEGER NOT NULL REFERENCES articles(id),
        start        INTEGER NOT NULL,
        "end"        INTEGER NOT NULL,
        name         TEXT NOT NULL,
        type         TEXT NOT NULL,
        country      TEXT NOT NULL,
        admin1       TEXT,
        admin1_code  TEXT,
        lat          REAL NOT NULL,
        lon          REAL NOT NULL,
        geoname_id   INTEGER,
        feature_code TEXT NOT NULL,
        form         TEXT NOT NULL,
        confidence   REAL NOT NULL
      );
      CREATE INDEX places_by_article ON places(article_id, start);

      CREATE TABLE article_places (
        article_id   INTEGER NOT NULL REFERENCES articles(id),
        scope        TEXT NOT NULL CHECK (scope IN ('country', 'city')),
        name         TEXT NOT NULL,
        type         TEXT NOT NULL,
        country      TEXT NOT NULL,
        admin1       TEXT,
        admin1_code  TEXT,
        lat          REAL NOT NULL,
        lon          REAL NOT NULL,
        geoname_id   INTEGER,
        feature_code TEXT NOT NULL,
        score        REAL NOT NULL,
        mentions     INTEGER NOT NULL
      );
      CREATE INDEX article_places_by_article ON article_places(article_id);
      CREATE INDEX article_places_by_country ON article_places(country, scope, article_id);

      ALTER TABLE events ADD COLUMN geo_name TEXT;
      ALTER TABLE events ADD COLUMN geo_type TEXT;
      ALTER TABLE events ADD COLUMN geo_country TEXT;
      ALTER TABLE events ADD COLUMN geo_admin1 TEXT;
      ALTER TABLE events ADD COLUMN geo_admin1_code TEXT;
      ALTER TABLE events ADD COLUMN geo_lat REAL;
      ALTER TABLE events ADD COLUMN geo_lon REAL;
      ALTER TABLE events ADD COLUMN geo_geoname_id INTEGER;
      ALTER TABLE events ADD COLUMN geo_feature_code TEXT;
      ALTER TABLE events ADD COLUMN geo_method TEXT;
      ALTER TABLE events ADD COLUMN geo_confidence REAL;
      ALTER TABLE events ADD COLUMN geo_start INTEGER;
      ALTER TABLE events ADD COLUMN geo_end INTEGER;
      CREATE INDEX events_by_geo_country ON events(geo_country, sort_ms);

      -- The map's counts over the whole archive, kept by triggers: articles by focus country and city,
      -- events by the country and city they are located in (name '' and point 0, 0 for a country row).
      CREATE TABLE place_totals (
        kind       TEXT NOT NULL CHECK (kind IN ('article', 'event')),
        scope      TEXT NOT NULL CHECK (scope IN ('country', 'city')),
        country    TEXT NOT NULL,
        name       TEXT NOT NULL,
        lat        REAL NOT NULL,
        lon        REAL NOT NULL,
        geoname_id INTEGER,
        admin1     TEXT,
        count      INTEGER NOT NULL,
        PRIMARY KEY (kind, scope, country, name, lat, lon)
      ) WITHOUT ROWID;
      CREATE TRIGGER place_totals_focus_insert AFTER INSERT ON article_places BEGIN
        INSERT INTO place_totals VALUES ('article', new.scope, new.country, CASE new.scope WHEN 'city' THEN new.name ELSE '' END,
            CASE new.scope WHEN 'city' THEN new.lat ELSE 0 END, CASE new.scope WHEN 'city' THEN new.lon ELSE 0 END, new.geoname_id, new.admin1, 1)
          ON CONFLICT (kind, scope, country, name, lat, lon) DO UPDATE SET count = count + 1;
      END;
      CREATE TRIGGER place_totals_focus_delete AFTER DELETE ON article_places BEGIN
        UPDATE place_totals SET count = count - 1 WHERE kind = 'article' AND scope = old.scope AND country = old.country
          AND name = CASE old.scope WHEN 'city' THEN old.name ELSE '' END AND lat = CASE old.scope WHEN 'city' THEN old.lat ELSE 0 END AND lon = CASE old.scope WHEN 'city' THEN old.lon ELSE 0 END;
      END;
      CREATE TRIGGER place_totals_event_insert AFTER INSERT ON events WHEN new.geo_country IS NOT NULL BEGIN
        INSERT INTO place_totals VALUES ('event', 'country', new.geo_country, '', 0, 0, NULL, NULL, 1)
          ON CONFLICT (kind, scope, country, name, lat, lon) DO UPDATE SET count = count + 1;
        INSERT INTO place_totals SELECT 'event', 'city', new.geo_country, new.geo_name, new.geo_lat, new.geo_lon, new.geo_geoname_id, new.geo_admin1, 1 WHERE new.geo_type = 'city'
          ON CONFLICT (kind, scope, country, name, lat, lon) DO UPDATE SET count = count + 1;
      END;
      CREATE TRIGGER place_totals_event_delete AFTER DELETE ON events WHEN old.geo_country IS NOT NULL BEGIN
        UPDATE place_totals SET count = count - 1 WHERE kind = 'event' AND scope = 'country' AND country = old.geo_country AND name = '' AND lat = 0 AND lon = 0;
        UPDATE place_totals SET count = count - 1 WHERE old.geo_type = 'city' AND kind = 'event' AND scope = 'city' AND country = old.geo_country AND name = old.geo_name AND lat = old.geo_lat AND lon = old.geo_lon;
      END;
    `,
  },
  {
    version: 6,
    name: 'the full-text index over Parley search tokens (CJK as character pairs)',
    up: `
      DROP TRIGGER articles_fts_insert;
      DROP TRIGGER articles_fts_delete;
      DROP TRIGGER articles_fts_update;
      DROP TABLE articles_fts;
      CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, text,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 0 categories ''L* N* Co M*'''
      );
      INSERT INTO articles_fts(articles_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0)');
      INSERT INTO articles_fts(rowid, title, text) SELECT id, parley_search_tokens(title), parley_search_tokens(text) FROM articles;
      CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, parley_search_tokens(new.title), parley_search_tokens(new.text));
      END;
      CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.id;
      END;
      CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
        DELETE FROM articles_fts WHERE rowid = old.id;
        INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, parley_search_tokens(new.title), parley_search_tokens(new.text));
      END;
    `,
  },
  {
    version: 7,
    name: 'event records: events grouped across articles (same actors, root, dates within a day)',
    // Events stored before this version are grouped here by exact day (the saves that follow group by the
    // one-day window of store/event-groups.ts); undated events group within their article.
    up: `
      CREATE TABLE event_groups (
        id          INTEGER PRIMARY KEY,
        source_key  TEXT NOT NULL,
        target_key  TEXT NOT NULL,
        root        TEXT NOT NULL,
        day_ms      INTEGER,
        article_id  INTEGER,
        sort_ms     INTEGER NOT NULL
      );
      CREATE INDEX event_groups_by_key ON event_groups(source_key, target_key, root, day_ms);
      CREATE INDEX event_groups_by_date ON event_groups(sort_ms, id);
      CREATE TABLE event_group_members (
        event_id    INTEGER PRIMARY KEY REFERENCES events(id),
        group_id    INTEGER NOT NULL REFERENCES event_groups(id)
      );
      CREATE INDEX event_group_members_by_group ON event_group_members(group_id);

      CREATE TEMP TABLE keyed AS
        SELECT e.id AS event_id,
               coalesce(e.source_code, 'name:' || lower(e.source_name), '') AS source_key,
               coalesce(e.target_code, 'name:' || lower(e.target_name), '') AS target_key,
               e.root AS root,
               CASE WHEN e.sort_ms < ${UNDATED_SORT_MS} THEN (e.sort_ms / 86400000) * 86400000 END AS day_ms,
               CASE WHEN e.sort_ms < ${UNDATED_SORT_MS} THEN NULL ELSE e.article_id END AS article_id
        FROM events e WHERE e.negated = 0;
      INSERT INTO event_groups (source_key, target_key, root, day_ms, article_id, sort_ms)
        SELECT source_key, target_key, root, day_ms, article_id, coalesce(day_ms, ${UNDATED_SORT_MS})
        FROM keyed GROUP BY source_key, target_key, root, day_ms, article_id ORDER BY min(event_id);
      INSERT INTO event_group_members (event_id, group_id)
        SELECT k.event_id, g.id FROM keyed k JOIN event_groups g
          ON g.source_key = k.source_key AND g.target_key = k.target_key AND g.root = k.root
         AND g.day_ms IS k.day_ms AND g.article_id IS k.article_id;
      DROP TABLE keyed;
    `,
  },
  {
    version: 8,
    name: 'place keys and covering indexes for the map of a period or a selection and for an actor over time',
    up: `
      CREATE TABLE place_keys (
        id         INTEGER PRIMARY KEY,
        scope      TEXT NOT NULL CHECK (scope IN ('country', 'city')),
        country    TEXT NOT NULL,
        name       TEXT NOT NULL,
        lat        REAL NOT NULL,
        lon        REAL NOT NULL,
        geoname_id INTEGER,
        admin1     TEXT,
        UNIQUE (scope, country, name, lat, lon)
      );
      ${placeKeysFrom('article_places', "scope = 'city'", 'country', 'name', 'lat', 'lon', 'geoname_id', 'admin1')}
      ${placeKeysFrom('events', "geo_type = 'city'", 'geo_country', 'geo_name', 'geo_lat', 'geo_lon', 'geo_geoname_id', 'geo_admin1')}

      ALTER TABLE article_places ADD COLUMN published_ms INTEGER;
      ALTER TABLE article_places ADD COLUMN place_id INTEGER REFERENCES place_keys(id);
      UPDATE article_places SET published_ms = (SELECT a.published_ms FROM articles a WHERE a.id = article_places.article_id),
        place_id = ${placeKeyOf("article_places.scope = 'city'", 'article_places.country', 'article_places.name', 'article_places.lat', 'article_places.lon')};
      DROP INDEX article_places_by_article;
      CREATE INDEX article_places_by_article ON article_places(article_id, place_id);
      CREATE INDEX article_places_by_date ON article_places(published_ms, place_id);
      CREATE TRIGGER article_places_redate AFTER UPDATE OF published_ms ON articles BEGIN
        UPDATE article_places SET published_ms = new.published_ms WHERE article_id = new.id;
      END;

      ALTER TABLE events ADD COLUMN place_id INTEGER REFERENCES place_keys(id);
      UPDATE events SET place_id = ${placeKeyOf("events.geo_type = 'city'", 'events.geo_country', 'events.geo_name', 'events.geo_lat', 'events.geo_lon')} WHERE geo_country IS NOT NULL;
      DROP INDEX events_by_article;
      CREATE INDEX events_by_article ON events(article_id, place_id, sort_ms);
      CREATE INDEX events_located_by_date ON events(sort_ms, place_id);

      DROP INDEX entities_by_code_date;
      CREATE INDEX entities_by_code_date ON entities(code, published_ms, article_id);
      CREATE INDEX events_by_pair ON events(source_code, target_code, sort_ms, article_id, place_id);
      DROP INDEX events_by_target;
      CREATE INDEX events_by_target ON events(target_code, sort_ms, article_id, place_id);
    `,
  },
  {
    version: 9,
    name: 'article revisions, their bands by article, archive settings',
    up: `
      ALTER TABLE articles ADD COLUMN revisions INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE articles ADD COLUMN text_seen_at TEXT;
      ALTER TABLE articles ADD COLUMN text_page_id INTEGER REFERENCES pages(id);

      CREATE TABLE article_revisions (
        id         INTEGER PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        page_id    INTEGER NOT NULL REFERENCES pages(id),
        seen_at    TEXT NOT NULL,
        text_hash  TEXT,
        article_gz BLOB NOT NULL
      );
      CREATE INDEX article_revisions_by_article ON article_revisions(article_id, seen_at, id);

      CREATE INDEX article_bands_by_article ON article_bands(article_id);

      CREATE TABLE archive_settings (
        name       TEXT NOT NULL PRIMARY KEY,
        value      TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];

/** Migration 8: the place keys of a table's places (a city by its name and point, a country by its code alone). */
function placeKeysFrom(table: string, isCity: string, country: string, name: string, lat: string, lon: string, geonameId: string, admin1: string): string {
  return `INSERT OR IGNORE INTO place_keys (scope, country, name, lat, lon, geoname_id, admin1)
        SELECT CASE WHEN ${isCity} THEN 'city' ELSE 'country' END, ${country}, CASE WHEN ${isCity} THEN ${name} ELSE '' END,
               CASE WHEN ${isCity} THEN ${lat} ELSE 0 END, CASE WHEN ${isCity} THEN ${lon} ELSE 0 END,
               CASE WHEN ${isCity} THEN ${geonameId} END, CASE WHEN ${isCity} THEN ${admin1} END
        FROM ${table} WHERE ${country} IS NOT NULL ORDER BY rowid;`;
}

/** Migration 8: the key of a row's place, found by its unique columns. */
function placeKeyOf(isCity: string, country: string, name: string, lat: string, lon: string): string {
  return `(SELECT k.id FROM place_keys k WHERE k.scope = CASE WHEN ${isCity} THEN 'city' ELSE 'country' END AND k.country = ${country}
        AND k.name = CASE WHEN ${isCity} THEN ${name} ELSE '' END AND k.lat = CASE WHEN ${isCity} THEN ${lat} ELSE 0 END AND k.lon = CASE WHEN ${isCity} THEN ${lon} ELSE 0 END)`;
}

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
