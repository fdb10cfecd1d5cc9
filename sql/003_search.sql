-- 003_search.sql: full-text search over published articles (/search).
--
-- article_search is an FTS5 index of each published article's title,
-- author and body (CommonMark source). Articles have no "source" column
-- yet, so it is not indexed; when one is added, this table has to be
-- dropped, created again with the extra column and refilled in that
-- migration (FTS5 tables cannot gain columns).
--
-- Why these choices:
-- * tokenize='trigram': Chinese has no spaces between words, so a word
--   tokenizer would index whole sentences as one token. Trigrams find any
--   substring of 3+ characters, in Chinese and English alike, and fold
--   case. A term of 1 or 2 characters has no trigram of its own: the
--   search code (cgi/search_store.c) looks up the trigrams that START with
--   it in article_search_vocab and searches for any of them (or, for a
--   common one, checks the articles with LIKE).
-- * Every value is indexed with two spaces appended. Without them a short
--   term at the very end of a column ("...党组织") would start no trigram
--   and be missed; with them it starts "组织 ". Terms never end in a space
--   (the query parser trims them), so the padding matches nothing else.
-- * content='': the index keeps no copy of the text (the bodies are stored
--   once, in article). The padded values it indexes are not a column of
--   article, so an external-content table could not be rebuilt from it.
--   The price: rows are removed with the 'delete' command, which must be
--   given exactly the values that were indexed, as the triggers below do.
-- * Only published articles are indexed (rather than every article and a
--   status test in each query). A draft is never in the index, so no
--   search can show one, whatever the query; counting matches needs no
--   look at article rows; and the index is smaller. Publishing or
--   unpublishing an article adds it to or removes it from the index.
CREATE VIRTUAL TABLE article_search USING fts5(
    title, author, body,
    content = '',
    tokenize = 'trigram'
);

-- One row per distinct trigram (a read-only view of the index); short
-- terms are expanded through it with a range scan on term.
CREATE VIRTUAL TABLE article_search_vocab USING fts5vocab(article_search, 'row');

CREATE TRIGGER article_search_insert AFTER INSERT ON article
WHEN new.status = 'published' BEGIN
    INSERT INTO article_search(rowid, title, author, body)
    VALUES (new.id, new.title || '  ', new.author || '  ', new.body || '  ');
END;

CREATE TRIGGER article_search_delete AFTER DELETE ON article
WHEN old.status = 'published' BEGIN
    INSERT INTO article_search(article_search, rowid, title, author, body)
    VALUES ('delete', old.id, old.title || '  ', old.author || '  ', old.body || '  ');
END;

-- The editor's save sets every column; only a change to what is indexed
-- (or to the status) touches the index.
CREATE TRIGGER article_search_update
AFTER UPDATE OF id, title, author, body, status ON article
WHEN old.id IS NOT new.id OR old.title IS NOT new.title
    OR old.author IS NOT new.author OR old.body IS NOT new.body
    OR old.status IS NOT new.status BEGIN
    INSERT INTO article_search(article_search, rowid, title, author, body)
    SELECT 'delete', old.id, old.title || '  ', old.author || '  ', old.body || '  '
    WHERE old.status = 'published';
    INSERT INTO article_search(rowid, title, author, body)
    SELECT new.id, new.title || '  ', new.author || '  ', new.body || '  '
    WHERE new.status = 'published';
END;

-- The articles that exist already, then the index merged into one
-- segment: filling it leaves many, and a query pays for each, per term.
INSERT INTO article_search(rowid, title, author, body)
SELECT id, title || '  ', author || '  ', body || '  '
FROM article WHERE status = 'published';
INSERT INTO article_search(article_search) VALUES ('optimize');
