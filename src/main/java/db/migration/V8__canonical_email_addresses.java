package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.jboss.logging.Logger;

import com.ecommerce.users.account.EmailAddress;

/**
 * Adds {@code users.email_canonical}, the key that decides which account an address names
 * ({@link EmailAddress#canonical}), computed here in Java because no SQL function computes it (NFKC, IDNA), and makes it
 * unique in place of V2's {@code lower(email)}.
 *
 * <p>Nothing is merged silently. Two rows whose addresses are the same under the new rules (say {@code ada@example.com}
 * and {@code ａｄａ@example.com}) stop the migration, which rolls back whole, naming the account ids; the operator
 * decides which account keeps the address (docs/migrating-from-fastapi.md, "Addresses under the new rules"). Rows
 * whose address today's rules refuse (the FastAPI app took any string) keep it and keep logging in with it, under
 * {@link EmailAddress#adoptedKey}; they are named in one warning, and get no mail until they change it.
 *
 * <p>A Java migration, in the migration Job's image like the SQL ones: Quarkus finds it at build time.
 */
public class V8__canonical_email_addresses extends BaseJavaMigration {

    private static final Logger LOG = Logger.getLogger(V8__canonical_email_addresses.class);
    private static final int BATCH = 1000;
    /** Ids named in one log line or error message at most; the rest are counted. */
    private static final int IDS_SHOWN = 100;

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE users ADD COLUMN email_canonical varchar(255)");
        }
        List<Integer> refused = fill(connection);
        List<String> collisions = collisions(connection);
        if (!collisions.isEmpty()) {
            throw new IllegalStateException("user-service V8: " + collisions.size() + " email address(es) belong to more "
                    + "than one account under the canonical form (case, Unicode spellings); account ids per address: "
                    + String.join("; ", collisions.subList(0, Math.min(IDS_SHOWN, collisions.size())))
                    + ". Nothing was changed. Give each of those accounts a distinct address first: see "
                    + "docs/migrating-from-fastapi.md, \"Addresses under the new rules\".");
        }
        if (!refused.isEmpty()) {
            LOG.warnf("user-service V8: %d account(s) have an address that today's rules refuse; they keep logging in "
                    + "with it but get no mail until they change it (docs/migrating-from-fastapi.md, \"Addresses under "
                    + "the new rules\"); account ids: %s%s", refused.size(), refused.subList(0, Math.min(IDS_SHOWN,
                            refused.size())), refused.size() > IDS_SHOWN ? " and more" : "");
        }
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("ALTER TABLE users ALTER COLUMN email_canonical SET NOT NULL");
            ddl.execute("CREATE UNIQUE INDEX users_email_canonical_key ON users (email_canonical)");
            ddl.execute("DROP INDEX IF EXISTS users_email_lower_key");
            // A replica of the previous version, still serving during a rolling update, writes rows without the
            // column: they get that version's own rule (lower(email)), so its uniqueness holds for them as it did.
            // This service always sets the column itself.
            ddl.execute("""
                    CREATE FUNCTION users_email_canonical_of_previous_version() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF NEW.email_canonical IS NULL OR (TG_OP = 'UPDATE'
                                AND NEW.email_canonical IS NOT DISTINCT FROM OLD.email_canonical
                                AND lower(NEW.email) IS DISTINCT FROM lower(OLD.email)) THEN
                            NEW.email_canonical := lower(NEW.email);
                        END IF;
                        RETURN NEW;
                    END
                    $$""");
            ddl.execute("""
                    CREATE TRIGGER users_email_canonical_of_previous_version BEFORE INSERT OR UPDATE OF email ON users
                        FOR EACH ROW EXECUTE FUNCTION users_email_canonical_of_previous_version()""");
        }
    }

    /** Computes every row's key, in batches; returns the ids whose address today's rules refuse. */
    private static List<Integer> fill(Connection connection) throws SQLException {
        List<Integer> refused = new ArrayList<>();
        try (Statement read = connection.createStatement();
                PreparedStatement write = connection.prepareStatement("UPDATE users SET email_canonical = ? WHERE id = ?")) {
            read.setFetchSize(BATCH); // a cursor, not the whole table in memory (inside the migration's transaction)
            try (ResultSet rows = read.executeQuery("SELECT id, email FROM users ORDER BY id")) {
                int pending = 0;
                while (rows.next()) {
                    int id = rows.getInt(1);
                    String email = rows.getString(2);
                    if (!EmailAddress.isValid(email)) {
                        refused.add(id);
                    }
                    write.setString(1, EmailAddress.canonicalOf(email));
                    write.setInt(2, id);
                    write.addBatch();
                    if (++pending == BATCH) {
                        write.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    write.executeBatch();
                }
            }
        }
        return refused;
    }

    /** "[3, 17]" per canonical address held by more than one row; no address itself (personal data, in a log). */
    private static List<String> collisions(Connection connection) throws SQLException {
        List<String> found = new ArrayList<>();
        try (Statement query = connection.createStatement(); ResultSet rows = query.executeQuery("""
                SELECT array_agg(id ORDER BY id)::text FROM users GROUP BY email_canonical HAVING count(*) > 1
                ORDER BY min(id)""")) {
            while (rows.next()) {
                found.add(rows.getString(1).replace(",", ", ").replace('{', '[').replace('}', ']'));
            }
        }
        return found;
    }
}
