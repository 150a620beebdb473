-- The users table of the FastAPI app this service replaces, exactly as SQLAlchemy created it.
-- A live seed database already has it: Flyway baselines such a database at version 1
-- (quarkus.flyway.baseline-on-migrate) and runs only V2 onwards there.
CREATE TABLE users (id SERIAL PRIMARY KEY, name VARCHAR(50), email VARCHAR(255) UNIQUE, password VARCHAR(255));
