-- 002_admin.sql: administrators, their sessions, sign-in throttling and the
-- audit log.

-- People who may sign in to /admin/. Managed with `gazette adduser`,
-- `passwd`, `deluser` and `users`; there is no sign-up page.
CREATE TABLE user (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE
                CHECK (length(name) BETWEEN 1 AND 64
                       AND name NOT GLOB '*[^A-Za-z0-9._-]*'),
    -- crypto_pwhash_str output (argon2id, parameters included).
    pw_hash     TEXT NOT NULL CHECK (length(pw_hash) <= 128),
    created_at  INTEGER NOT NULL
);

-- Signed-in sessions. The cookie holds a random 256-bit token; only its
-- BLAKE2b hash is stored, so a copy of the database opens no session.
CREATE TABLE session (
    token_hash  BLOB PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id     INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,   -- absolute expiry counts from here
    last_seen   INTEGER NOT NULL    -- idle expiry counts from here
) WITHOUT ROWID;
CREATE INDEX session_by_user ON session(user_id);

-- Failed sign-ins, counted per account name and per client address
-- (scope 'user' or 'addr'). A key past its limit is refused until
-- blocked_until, whatever password it sends.
CREATE TABLE signin_failure (
    scope          TEXT NOT NULL CHECK (scope IN ('user', 'addr')),
    key            TEXT NOT NULL CHECK (length(key) <= 128),
    failures       INTEGER NOT NULL,
    window_start   INTEGER NOT NULL,
    blocked_until  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, key)
) WITHOUT ROWID;

-- Who did what, when. The user's name is copied, not referenced, so the
-- record outlives the account.
CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          INTEGER NOT NULL,
    user_name   TEXT NOT NULL,
    action      TEXT NOT NULL,
    article_id  INTEGER,
    -- The article's title at the time, so a deleted article is still named.
    detail      TEXT NOT NULL DEFAULT ''
);

-- The dashboard lists every article, drafts too, newest first.
CREATE INDEX article_by_date_any ON article(published_on DESC, id DESC);
