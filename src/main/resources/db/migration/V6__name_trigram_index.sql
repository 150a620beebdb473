-- The admin listing's name filter (UserRepository.page: lower(name) LIKE lower(:pattern) ESCAPE '!', the pattern being
-- the input with its wildcards escaped, between two %) as an index lookup instead of a walk through every account: a
-- GIN trigram index on exactly that expression (NameFilterTests fails when the two stop matching).
--
-- pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner, or any role with CREATE on the database, may
-- create it; Amazon RDS and Aurora PostgreSQL support it. Where the service's role may not, a DBA runs
-- CREATE EXTENSION pg_trgm once beforehand and this statement finds it there.
--
-- CONCURRENTLY: on a large adopted table the build takes a while (bench/name-filter measures it), and a plain
-- CREATE INDEX would hold back every registration, login hash upgrade and account change meanwhile. CONCURRENTLY
-- cannot run in a transaction, so this script runs without one (V6__name_trigram_index.sql.conf), statement by
-- statement, and Flyway's lock is a session lock (database/FlywaySessionLock: its default transactional lock would
-- keep a transaction open that the build waits for, forever). A build that fails half-way may leave an invalid index
-- behind; Flyway does not record the failed V6 on PostgreSQL, so the next run applies it again, and the DROP below
-- removes that leftover first.
--
-- fastupdate off: new names go straight into the index rather than into a pending list that every filtered page
-- would have to read through until the next vacuum; a name is written at registration and on a rename only.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
DROP INDEX CONCURRENTLY IF EXISTS users_name_trgm;
CREATE INDEX CONCURRENTLY users_name_trgm ON users USING gin (lower(name) gin_trgm_ops) WITH (fastupdate = off);
