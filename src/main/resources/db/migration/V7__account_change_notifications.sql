-- Every change that can end an account's tokens is announced on the channel account_changed, with the account's id
-- as the payload ('*' for a TRUNCATE): each replica LISTENs and drops what it cached about that account
-- (accountcache.AccountChangeListener). PostgreSQL delivers a notification when, and only if, its transaction
-- commits, and also for changes made in SQL by hand, which no replica would otherwise learn of.
--
-- What is announced is what the token check (UserRepository.accountStatus) reads: an account's deletion, its role,
-- its password_changed_at cut-off (password change or reset, email change); a session's end, or an expiry moved
-- earlier by hand. A refresh moves expires_at later: the cache treats a passed expiry as a miss, so that needs no
-- announcement, and neither does a new row (nothing is cached about it yet).
CREATE FUNCTION notify_account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('account_changed', '*');
    ELSIF TG_TABLE_NAME = 'users' THEN
        PERFORM pg_notify('account_changed', OLD.id::text);
    ELSE
        PERFORM pg_notify('account_changed', OLD.user_id::text);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER users_account_changed AFTER UPDATE ON users FOR EACH ROW
    WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.password_changed_at IS DISTINCT FROM NEW.password_changed_at
          OR OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION notify_account_changed();
CREATE TRIGGER users_account_deleted AFTER DELETE ON users FOR EACH ROW
    EXECUTE FUNCTION notify_account_changed();
CREATE TRIGGER users_truncated AFTER TRUNCATE ON users FOR EACH STATEMENT
    EXECUTE FUNCTION notify_account_changed();

CREATE TRIGGER refresh_sessions_shortened AFTER UPDATE ON refresh_sessions FOR EACH ROW
    WHEN (NEW.expires_at < OLD.expires_at OR OLD.user_id IS DISTINCT FROM NEW.user_id)
    EXECUTE FUNCTION notify_account_changed();
CREATE TRIGGER refresh_sessions_ended AFTER DELETE ON refresh_sessions FOR EACH ROW
    EXECUTE FUNCTION notify_account_changed();
CREATE TRIGGER refresh_sessions_truncated AFTER TRUNCATE ON refresh_sessions FOR EACH STATEMENT
    EXECUTE FUNCTION notify_account_changed();
