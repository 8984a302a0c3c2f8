-- Control center schema, version 3: session tokens survive a restart (docs/security.md).

-- Per terminal: the SHA-256 digest (base64) of its current token and of the one kept beside it (the
-- token that proved its last login, or the token before the current one), each with its expiry in
-- epoch milliseconds. The tokens themselves are never stored. Null: no such token.
ALTER TABLE terminals ADD COLUMN token_hash         TEXT;
ALTER TABLE terminals ADD COLUMN token_expires      INTEGER;
ALTER TABLE terminals ADD COLUMN prev_token_hash    TEXT;
ALTER TABLE terminals ADD COLUMN prev_token_expires INTEGER;
