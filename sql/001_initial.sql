-- 001_initial.sql: the first schema of gazette.
-- Applied by `gazette migrate` inside one transaction; PRAGMA user_version
-- records the number of the last migration applied. Never edit a migration
-- after it has landed: add the next number instead.

-- Sections form a tree (HOME > SERVICE > Activities). The root has no parent.
CREATE TABLE section (
    id         INTEGER PRIMARY KEY,
    -- NULL for the root section only.
    parent_id  INTEGER REFERENCES section(id) ON DELETE RESTRICT,
    -- URL name: /sections/<slug>/ ; unique across the whole tree.
    slug       TEXT NOT NULL UNIQUE
               CHECK (length(slug) BETWEEN 1 AND 64
                      AND slug NOT GLOB '*[^a-z0-9-]*'),
    -- Shown in navigation and breadcrumbs, stored as given (UTF-8).
    title      TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    -- Order among siblings in menus, smallest first.
    position   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX section_by_parent ON section(parent_id, position, id);

-- Articles. The body is CommonMark text; imported seed articles are
-- converted to CommonMark on import so that one renderer serves both.
CREATE TABLE article (
    -- AUTOINCREMENT: the id is the article's URL, never given out twice,
    -- even after the newest article is deleted.
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    section_id    INTEGER NOT NULL REFERENCES section(id) ON DELETE RESTRICT,
    title         TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    -- The byline as the editor wrote it ("党群服务与组织管理").
    author        TEXT NOT NULL CHECK (length(author) <= 200),
    -- Publication date, ISO 8601 (YYYY-MM-DD); lists sort on it.
    published_on  TEXT NOT NULL
                  CHECK (published_on GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    -- CommonMark source of the body.
    body          TEXT NOT NULL CHECK (length(body) <= 1000000),
    -- Plain-text summary for lists and meta descriptions, made at write time
    -- so that list pages never parse bodies.
    excerpt       TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'published'
                  CHECK (status IN ('draft', 'published')),
    -- BLAKE2b of the imported file; makes a second import of it a no-op.
    -- NULL for articles written in the admin.
    import_hash   TEXT UNIQUE,
    created_at    INTEGER NOT NULL,   -- unix seconds
    updated_at    INTEGER NOT NULL    -- unix seconds
);
-- Lists are "newest first, ties by id": these indexes hold exactly that
-- order so a page is an index range scan, at any table size.
CREATE INDEX article_by_date ON article(status, published_on DESC, id DESC);
CREATE INDEX article_by_section_date
    ON article(section_id, status, published_on DESC, id DESC);

-- Published articles per section, kept exact by the triggers below, so that
-- a list page learns its page count without COUNT(*) over every article.
CREATE TABLE section_stats (
    section_id  INTEGER PRIMARY KEY REFERENCES section(id) ON DELETE CASCADE,
    published   INTEGER NOT NULL DEFAULT 0 CHECK (published >= 0)
);
CREATE TRIGGER article_count_insert AFTER INSERT ON article
WHEN new.status = 'published' BEGIN
    INSERT INTO section_stats(section_id, published) VALUES (new.section_id, 1)
    ON CONFLICT(section_id) DO UPDATE SET published = published + 1;
END;
CREATE TRIGGER article_count_delete AFTER DELETE ON article
WHEN old.status = 'published' BEGIN
    UPDATE section_stats SET published = published - 1
    WHERE section_id = old.section_id;
END;
CREATE TRIGGER article_count_update AFTER UPDATE OF status, section_id ON article
BEGIN
    UPDATE section_stats SET published = published - 1
    WHERE old.status = 'published' AND section_id = old.section_id;
    INSERT INTO section_stats(section_id, published)
    SELECT new.section_id, 1 WHERE new.status = 'published'
    ON CONFLICT(section_id) DO UPDATE SET published = published + 1;
END;

-- Files referenced by article bodies, stored under the media folder by
-- content hash so that the same photo is kept once.
CREATE TABLE media (
    id          INTEGER PRIMARY KEY,
    -- File name under the media folder: <hash>.<ext>
    name        TEXT NOT NULL UNIQUE CHECK (length(name) <= 100),
    mime_type   TEXT NOT NULL,
    bytes       INTEGER NOT NULL CHECK (bytes >= 0),
    created_at  INTEGER NOT NULL
);

-- Site-wide settings, read once per worker (site name, tagline).
CREATE TABLE setting (
    key    TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 64),
    value  TEXT NOT NULL CHECK (length(value) <= 2000)
) WITHOUT ROWID;

INSERT INTO setting(key, value) VALUES
    ('site_name', 'Gazette'),
    ('site_tagline', 'News and activities');

-- The tree every new site starts with; the importer adds more as needed.
INSERT INTO section(id, parent_id, slug, title, position) VALUES
    (1, NULL, 'home', 'HOME', 0),
    (2, 1, 'service', 'SERVICE', 0),
    (3, 2, 'activities', 'Activities', 0);
