-- Tokens issued before this instant are rejected. JWT "iat" counts whole seconds, so the instant is kept rounded up
-- to a whole second: a token issued in the second of a password change but before it can never pass.
ALTER TABLE users
    ADD COLUMN password_changed_at timestamptz NOT NULL DEFAULT date_trunc('second', now()) + interval '1 second';

-- Failed logins per email address (also for addresses with no account, so that throttling reveals nothing),
-- shared by every replica. Rows are forgotten after a quiet period (users.login.throttle.forget-after).
CREATE TABLE login_throttle (
    email_key       varchar(255) PRIMARY KEY,
    failures        integer      NOT NULL,
    last_failure_at timestamptz  NOT NULL,
    locked_until    timestamptz
);
CREATE INDEX login_throttle_last_failure_at ON login_throttle (last_failure_at);
