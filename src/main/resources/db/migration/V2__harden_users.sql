-- Evolves the seed table into user-service's: required columns, timestamps, optimistic locking, roles, and one
-- account per email address whatever its letter case.

-- Stop with a clear message, before changing anything, when adopted data cannot take the new rules.
-- README, "Adopting a seed database", has the queries that find those rows.
DO $$
DECLARE
    missing bigint;
    duplicated bigint;
BEGIN
    SELECT count(*) INTO missing FROM users WHERE name IS NULL OR email IS NULL OR password IS NULL;
    IF missing > 0 THEN
        RAISE EXCEPTION 'user-service V2: % row(s) of users lack a name, email or password', missing
            USING HINT = 'Fix them first: see README, "Adopting a seed database".';
    END IF;
    SELECT count(*) INTO duplicated FROM (SELECT 1 FROM users GROUP BY lower(email) HAVING count(*) > 1) d;
    IF duplicated > 0 THEN
        RAISE EXCEPTION 'user-service V2: % email address(es) are registered more than once in different letter case', duplicated
            USING HINT = 'Merge or rename those accounts first: see README, "Adopting a seed database".';
    END IF;
END
$$;

ALTER TABLE users
    ALTER COLUMN name SET NOT NULL,
    ALTER COLUMN email SET NOT NULL,
    ALTER COLUMN password SET NOT NULL,
    ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN version bigint NOT NULL DEFAULT 0,
    ADD COLUMN role varchar(16) NOT NULL DEFAULT 'user' CONSTRAINT users_role_check CHECK (role IN ('user', 'admin'));

CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

-- The case-sensitive original is implied by the index above; keeping it would only cost writes.
ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_key;
