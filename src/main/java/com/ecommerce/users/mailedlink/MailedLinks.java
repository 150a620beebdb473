package com.ecommerce.users.mailedlink;

import static com.ecommerce.users.platform.database.SqlValues.instant;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.ecommerce.users.account.EmailAddress;
import com.ecommerce.users.account.User;
import com.ecommerce.users.account.UserRepository;
import com.ecommerce.users.platform.crypto.SecretTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The single-use tokens mailed to accounts (table account_tokens), stored as their SHA-256 only ({@link SecretTokens}).
 * A token is valid until it is used or expires; {@link #consume} uses it under its row lock, so of two simultaneous
 * uses one wins and the other finds it used. Every method joins the caller's transaction.
 */
@ApplicationScoped
public class MailedLinks {

    private static final Logger LOG = Logger.getLogger(MailedLinks.class);
    /** How long used and expired rows stay, for support questions ("my link did not work"), before the purge. */
    static final Duration KEEP_AFTER_EXPIRY = Duration.ofDays(1);

    private final EntityManager em;
    private final UserRepository users;

    MailedLinks(EntityManager em, UserRepository users) {
        this.em = em;
        this.users = users;
    }

    /** A new token for account {@code userId}, mailed to {@code email}, valid for {@code validity}: the raw token. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String issue(int userId, LinkPurpose purpose, String email, Duration validity) {
        String token = SecretTokens.generate();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        em.createNativeQuery("""
                INSERT INTO account_tokens (token_hash, user_id, purpose, email, created_at, expires_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)""")
                .setParameter(1, SecretTokens.hash(token))
                .setParameter(2, userId)
                .setParameter(3, purpose.code)
                .setParameter(4, email)
                .setParameter(5, now)
                .setParameter(6, now.plus(validity))
                .executeUpdate();
        return token;
    }

    /** The token's row if it can be used now, without using it (a cheap check before costly work). */
    @Transactional(Transactional.TxType.MANDATORY)
    public MailedLink check(LinkPurpose purpose, String token) {
        return valid(purpose, token, false);
    }

    /**
     * Redeems a mailed link, the one way a link's token is used: valid now, used under its row lock, and its account,
     * locked, returned for the change the link allows, if the account still has the address the link was mailed to
     * (links mailed to an earlier address prove nothing). All in the caller's transaction.
     *
     * @throws InvalidLinkException for an unknown, used or expired token, or one mailed to an earlier address
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public User redeem(LinkPurpose purpose, String token) {
        MailedLink valid = consume(purpose, token);
        User user = users.lockForUpdate(valid.userId())
                .orElseThrow(() -> new InvalidLinkException(InvalidLinkException.Reason.UNKNOWN));
        if (!user.emailCanonical.equals(EmailAddress.canonicalOf(valid.email()))) {
            throw new InvalidLinkException(InvalidLinkException.Reason.UNKNOWN);
        }
        return user;
    }

    /** Uses the token: valid now, under its row lock, and marked used in the caller's transaction. */
    private MailedLink consume(LinkPurpose purpose, String token) {
        MailedLink valid = valid(purpose, token, true);
        em.createNativeQuery("UPDATE account_tokens SET used_at = ?2 WHERE token_hash = ?1")
                .setParameter(1, SecretTokens.hash(token))
                .setParameter(2, Instant.now())
                .executeUpdate();
        return valid;
    }

    /** Marks every unused token of {@code purpose} of the account used: none of them works any more. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int retireAll(int userId, LinkPurpose purpose) {
        return em.createNativeQuery(
                "UPDATE account_tokens SET used_at = ?3 WHERE user_id = ?1 AND purpose = ?2 AND used_at IS NULL")
                .setParameter(1, userId)
                .setParameter(2, purpose.code)
                .setParameter(3, Instant.now())
                .executeUpdate();
    }

    private MailedLink valid(LinkPurpose purpose, String token, boolean lock) {
        List<?> rows = em.createNativeQuery("SELECT user_id, email, expires_at, used_at FROM account_tokens "
                + "WHERE token_hash = ?1 AND purpose = ?2" + (lock ? " FOR UPDATE" : ""))
                .setParameter(1, SecretTokens.hash(token))
                .setParameter(2, purpose.code)
                .getResultList();
        if (rows.isEmpty()) {
            throw new InvalidLinkException(InvalidLinkException.Reason.UNKNOWN);
        }
        Object[] row = (Object[]) rows.getFirst();
        if (row[3] != null) {
            throw new InvalidLinkException(InvalidLinkException.Reason.USED);
        }
        if (!instant(row[2]).isAfter(Instant.now())) {
            throw new InvalidLinkException(InvalidLinkException.Reason.EXPIRED);
        }
        return new MailedLink(((Number) row[0]).intValue(), purpose, (String) row[1]);
    }


    /** Tokens expired for a day; every replica may run it, harmlessly. */
    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int purged = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "DELETE FROM account_tokens WHERE expires_at < ?1")
                .setParameter(1, Instant.now().minus(KEEP_AFTER_EXPIRY))
                .executeUpdate());
        if (purged > 0) {
            LOG.debugf("Purged %d expired account tokens", purged);
        }
    }
}
