-- Accounts an admin disabled (PATCH /users/{id} {"disabled": true}): such an account cannot log in or refresh, and its
-- tokens are refused (UserRepository.accountStatus reads it as absent). NULL: enabled.
ALTER TABLE users ADD COLUMN disabled_at timestamptz;

-- The token check reads disabled_at now: announce its changes as V7 announces the others (also when set in SQL by
-- hand), so that every replica drops what it cached of the account. Dropped and created again in this transaction:
-- no replica sees the table without the trigger.
DROP TRIGGER users_account_changed ON users;
CREATE TRIGGER users_account_changed AFTER UPDATE ON users FOR EACH ROW
    WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.password_changed_at IS DISTINCT FROM NEW.password_changed_at
          OR OLD.id IS DISTINCT FROM NEW.id OR OLD.disabled_at IS DISTINCT FROM NEW.disabled_at)
    EXECUTE FUNCTION notify_account_changed();
