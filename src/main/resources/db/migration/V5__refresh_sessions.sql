-- Sessions that last: a login opens a session, kept alive by refresh tokens that rotate at every use (RFC 9700,
-- section 4.14). Only SHA-256 digests of the tokens are stored; a token is 256 random bits, so a digest cannot be
-- turned back into one. A rotated token's row stays (rotated_at set) so that its reuse is recognised and ends the
-- whole session; rows go with their session (ON DELETE CASCADE), and the purge (session.SessionPurge) drops expired
-- sessions and rotated tokens older than the idle timeout, which could no longer be used anyway.
CREATE TABLE refresh_sessions (
    id               uuid         PRIMARY KEY,
    user_id          integer      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- when the password was verified, as the access tokens' iat: never before users.password_changed_at then. A
    -- later password change, reset or email change moves that cut-off past it, which ends the session.
    authenticated_at timestamptz  NOT NULL,
    created_at       timestamptz  NOT NULL,
    last_used_at     timestamptz  NOT NULL,
    -- sliding: the last use plus the idle timeout, never beyond created_at plus the maximum lifetime
    expires_at       timestamptz  NOT NULL,
    user_agent       varchar(255),
    client           varchar(64)
);
CREATE INDEX refresh_sessions_user_id ON refresh_sessions (user_id, last_used_at);
CREATE INDEX refresh_sessions_expires_at ON refresh_sessions (expires_at);

CREATE TABLE refresh_tokens (
    token_hash bytea       PRIMARY KEY,
    session_id uuid        NOT NULL REFERENCES refresh_sessions (id) ON DELETE CASCADE,
    issued_at  timestamptz NOT NULL,
    -- null for the session's current token
    rotated_at timestamptz
);
CREATE INDEX refresh_tokens_session_id ON refresh_tokens (session_id);
CREATE INDEX refresh_tokens_rotated ON refresh_tokens (issued_at) WHERE rotated_at IS NOT NULL;
