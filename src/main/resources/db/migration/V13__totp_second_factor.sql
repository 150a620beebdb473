-- A second factor (TOTP, RFC 6238) with recovery codes, and the login's pending second step.

-- One authenticator per account. The secret is AES-256-GCM ciphertext (nonce || ciphertext || tag) under the key
-- named key_id (users.mfa.encryption-keys), with the account id as associated data: the table alone reveals nothing,
-- and a row copied onto another account does not decrypt. Unconfirmed (confirmed_at NULL) until a code proves the
-- app has it; last_used_step is the time step of the last code accepted: a code is accepted only for a later step,
-- by a conditional UPDATE, so one code cannot be used twice, not even on two replicas at once.
CREATE TABLE mfa_totp (
    user_id           integer     PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    secret_ciphertext bytea       NOT NULL,
    key_id            text        NOT NULL,
    confirmed_at      timestamptz,
    last_used_step    bigint,
    created_at        timestamptz NOT NULL
);

-- Single-use recovery codes: SHA-256 of codes of 80 random bits (a fast hash is enough for that much entropy).
CREATE TABLE mfa_recovery_codes (
    user_id   integer     NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash bytea       NOT NULL,
    used_at   timestamptz,
    PRIMARY KEY (user_id, code_hash)
);

-- A login's second step: the SHA-256 of its mfa_token, the password check it follows (the account's
-- password_changed_at then: a change since kills it), its expiry and its wrong codes so far.
CREATE TABLE mfa_challenges (
    token_hash          bytea       PRIMARY KEY,
    user_id             integer     NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    password_changed_at timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    failures            integer     NOT NULL DEFAULT 0
);
CREATE INDEX mfa_challenges_user_id ON mfa_challenges (user_id);
CREATE INDEX mfa_challenges_expires_at ON mfa_challenges (expires_at);

-- How each session's login was authenticated (RFC 8176 amr values), carried into the tokens of every refresh.
ALTER TABLE refresh_sessions ADD COLUMN amr text[] NOT NULL DEFAULT '{pwd}';
