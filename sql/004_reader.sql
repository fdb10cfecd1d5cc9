-- 004_reader.sql: what Chinese news readers expect to see beside an
-- article: where it came from (来源) and how often it was read.

-- The source of an article, as the editor wrote it: an organisation or a
-- publication ("成都高新医学会"), not a URL. '' when there is none; the
-- byline shows it only when set. The form allows 200 characters; the
-- check is the same bound, as a last line against other writers.
ALTER TABLE article ADD COLUMN source TEXT NOT NULL DEFAULT ''
    CHECK (length(source) <= 200);

-- Views of each published article's page, written in batches by each
-- worker (cgi/view_counter.c), never once per view. A table of its own,
-- not a column of article: a flush must not fire article's triggers or
-- change what they keep (the search index, section_stats, and anything
-- that marks the site's content as changed for HTTP caching). No row
-- means no view yet. Deleting an article deletes its count.
CREATE TABLE article_views (
    article_id  INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
    views       INTEGER NOT NULL DEFAULT 0 CHECK (views >= 0)
);

-- The search index gains the source. FTS5 tables cannot gain columns, so
-- article_search is dropped and made again with the same design as in
-- 003_search.sql (read its comments): trigram tokenizer, every value
-- padded with two spaces, content='' (rows removed with the 'delete'
-- command and exactly the values indexed), published articles only.
DROP TRIGGER article_search_insert;
DROP TRIGGER article_search_delete;
DROP TRIGGER article_search_update;
DROP TABLE article_search_vocab;
DROP TABLE article_search;

CREATE VIRTUAL TABLE article_search USING fts5(
    title, author, source, body,
    content = '',
    tokenize = 'trigram'
);

CREATE VIRTUAL TABLE article_search_vocab USING fts5vocab(article_search, 'row');

CREATE TRIGGER article_search_insert AFTER INSERT ON article
WHEN new.status = 'published' BEGIN
    INSERT INTO article_search(rowid, title, author, source, body)
    VALUES (new.id, new.title || '  ', new.author || '  ', new.source || '  ',
            new.body || '  ');
END;

CREATE TRIGGER article_search_delete AFTER DELETE ON article
WHEN old.status = 'published' BEGIN
    INSERT INTO article_search(article_search, rowid, title, author, source, body)
    VALUES ('delete', old.id, old.title || '  ', old.author || '  ',
            old.source || '  ', old.body || '  ');
END;

-- Only a change to what is indexed (or to the status) touches the index.
CREATE TRIGGER article_search_update
AFTER UPDATE OF id, title, author, source, body, status ON article
WHEN old.id IS NOT new.id OR old.title IS NOT new.title
    OR old.author IS NOT new.author OR old.source IS NOT new.source
    OR old.body IS NOT new.body OR old.status IS NOT new.status BEGIN
    INSERT INTO article_search(article_search, rowid, title, author, source, body)
    SELECT 'delete', old.id, old.title || '  ', old.author || '  ',
           old.source || '  ', old.body || '  '
    WHERE old.status = 'published';
    INSERT INTO article_search(rowid, title, author, source, body)
    SELECT new.id, new.title || '  ', new.author || '  ', new.source || '  ',
           new.body || '  '
    WHERE new.status = 'published';
END;

-- The published articles again (every source is '' yet), then one segment.
INSERT INTO article_search(rowid, title, author, source, body)
SELECT id, title || '  ', author || '  ', source || '  ', body || '  '
FROM article WHERE status = 'published';
INSERT INTO article_search(article_search) VALUES ('optimize');
