-- Email verification and password recovery (issue 12). V5_1: after the refresh sessions of V5, before V6.

-- When the account proved it receives mail at its current address; NULL: never, or not since the address changed.
-- Accounts adopted from the FastAPI app start unverified (docs/migrating-from-fastapi.md).
ALTER TABLE users ADD COLUMN email_verified_at timestamptz;
-- Admins count as verified: an operator configured the bootstrap admin's address (BootstrapAdmin does the same for
-- the admins it creates or promotes from now on), and users.registration.require-verified-email must not lock them out.
UPDATE users SET email_verified_at = now() WHERE role = 'admin';

-- Single-use tokens mailed to an account: only the SHA-256 of the token (256 random bits, base64url) is kept, so the
-- table alone lets nobody verify an address or reset a password. email: the address the token was sent to (a
-- verification proves that address, and nothing once the account has another).
CREATE TABLE account_tokens (
    token_hash bytea        PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    user_id    integer      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose    varchar(16)  NOT NULL CHECK (purpose IN ('verify-email', 'reset-password')),
    email      varchar(255) NOT NULL,
    created_at timestamptz  NOT NULL,
    expires_at timestamptz  NOT NULL,
    used_at    timestamptz
);
-- an account's outstanding tokens of one purpose (retired together by a password reset), and the cascade
CREATE INDEX account_tokens_user_purpose ON account_tokens (user_id, purpose);
-- the purge of expired tokens
CREATE INDEX account_tokens_expires_at ON account_tokens (expires_at);

-- Fixed-window counters of throttled requests (mail resends, password recovery), shared by every replica: one row per
-- (bucket, key), e.g. ('recovery-address', 'ada@example.com'). Rows of ended windows are purged.
CREATE TABLE rate_limit (
    bucket       varchar(32)  NOT NULL,
    key          varchar(255) NOT NULL,
    window_start timestamptz  NOT NULL,
    hits         integer      NOT NULL,
    PRIMARY KEY (bucket, key)
);
CREATE INDEX rate_limit_window_start ON rate_limit (window_start);
