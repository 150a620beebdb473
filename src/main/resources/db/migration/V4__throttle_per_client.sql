-- Failed logins are counted per (email address, client address) and, with a looser ceiling, per email address alone
-- (client '*'), so that guesses from one network cannot lock the owner out from another. Existing rows are per email
-- address: they become the account-wide counts.
ALTER TABLE login_throttle ADD COLUMN client varchar(64) NOT NULL DEFAULT '*';
ALTER TABLE login_throttle DROP CONSTRAINT login_throttle_pkey;
ALTER TABLE login_throttle ADD PRIMARY KEY (email_key, client);
ALTER TABLE login_throttle ALTER COLUMN client DROP DEFAULT;
