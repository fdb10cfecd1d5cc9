-- 005_revision.sql: one number that changes whenever what readers see may
-- have changed, for HTTP caching.
--
-- Every public page is made from articles, sections and settings (and the
-- templates and program, which change only when the responder starts or
-- reloads; it bumps the number itself then). The triggers below bump it
-- in the same transaction as any write to those tables, so a reader can
-- never see new content with an old revision.
--
-- Who uses it:
-- * nginx's fastcgi_cache (docs/nginx.conf): the revision is part of the
--   cache key, asked of the responder on every request, so a publish or
--   edit changes the key and the very next request misses the cache.
-- * Last-Modified on public pages is changed_at.
-- * Workers re-read settings (site name, ICP number) when it changes.
--
-- View counts live in their own table and do not bump it: a view is not
-- an edit, and a bump per flush would empty nginx's cache every few
-- seconds on a busy site.
CREATE TABLE site_revision (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    revision    INTEGER NOT NULL,
    changed_at  INTEGER NOT NULL    -- unix seconds
);
INSERT INTO site_revision(id, revision, changed_at) VALUES (1, 1, unixepoch());

CREATE TRIGGER revision_article_insert AFTER INSERT ON article BEGIN
    UPDATE site_revision SET revision = revision + 1, changed_at = unixepoch();
END;
CREATE TRIGGER revision_article_update AFTER UPDATE ON article BEGIN
    UPDATE site_revision SET revision = revision + 1, changed_at = unixepoch();
END;
CREATE TRIGGER revision_article_delete AFTER DELETE ON article BEGIN
    UPDATE site_revision SET revision = revision + 1, changed_at = unixepoch();
END;
CREATE TRIGGER revision_section_insert AFTER INSERT ON section BEGIN
    UPDATE site_revision SET revision = revision + 1, changed_at = unixepoch();
END;
CREATE TRIGGER revision_section_update AFTER UPDATE ON section BEGIN
    UPDATE site_revision SET revision = revision + 1, changed_at = unixepoch();
END;
CREATE TRIGGER revision_section_delete AFTER DELETE ON section BEGIN
    UPDATE site_revision SET revision = revision + 1, changed_at = unixepoch();
END;
CREATE TRIGGER revision_setting_insert AFTER INSERT ON setting BEGIN
    UPDATE site_revision SET revision = revision + 1, changed_at = unixepoch();
END;
CREATE TRIGGER revision_setting_update AFTER UPDATE ON setting BEGIN
    UPDATE site_revision SET revision = revision + 1, changed_at = unixepoch();
END;
CREATE TRIGGER revision_setting_delete AFTER DELETE ON setting BEGIN
    UPDATE site_revision SET revision = revision + 1, changed_at = unixepoch();
END;
