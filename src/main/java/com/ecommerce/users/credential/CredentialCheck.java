package com.ecommerce.users.credential;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.ecommerce.users.account.Credentials;
import com.ecommerce.users.account.EmailAddress;
import com.ecommerce.users.account.UserRepository;
import com.ecommerce.users.audit.AuditEvent;
import com.ecommerce.users.audit.AuditLog;
import com.ecommerce.users.password.HashingLimiter;
import com.ecommerce.users.password.InvalidPasswordHashException;
import com.ecommerce.users.password.PasswordHasher;
import com.ecommerce.users.throttle.LoginThrottle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Checks a password against an account, throttled: the one place where a password is verified for login, for a
 * password change and for an email change. The attempt is counted before the hash is computed (see
 * {@link LoginThrottle}); an unknown address costs what a wrong password costs (a verification against a dummy hash,
 * the same database work); a locked one costs no hash at all, and looks the same to the caller; a disabled account's
 * password is never right (and counted as wrong). No database
 * connection is held while a hash is computed.
 *
 * <p>The whole check runs in one hashing slot ({@link HashingLimiter}), taken before the database is touched: under a
 * flood, the attempts that find no slot are turned away (503) without a write, and the attempts in the database at
 * once are bounded by the slots, so a login storm cannot exhaust the connection pool (LoginFloodIT).
 */
@ApplicationScoped
public class CredentialCheck {

    private static final Logger LOG = Logger.getLogger(CredentialCheck.class);

    private final UserRepository users;
    private final PasswordHasher passwords;
    private final HashingLimiter limiter;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final String dummyHash;
    private final Counter matched;
    private final Counter mismatched;
    private final Counter throttled;

    CredentialCheck(UserRepository users, PasswordHasher passwords, HashingLimiter limiter, LoginThrottle throttle,
            AuditLog audit, MeterRegistry metrics) {
        this.audit = audit;
        this.users = users;
        this.passwords = passwords;
        this.limiter = limiter;
        this.throttle = throttle;
        // users_password_checks_total{outcome}: a spike of mismatched or throttled is a guessing attack
        this.matched = outcome(metrics, "matched");
        this.mismatched = outcome(metrics, "mismatched");
        this.throttled = outcome(metrics, "throttled");
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = passwords.hash(Base64.getEncoder().encodeToString(random));
    }

    /**
     * Checks the password of the account with the address {@code email}, as a login does: empty for an unknown
     * address, a wrong password or a lock alike. A proof's failure counts are left for {@link #confirm}.
     */
    public Optional<PasswordProof> check(String email, String password, String client) {
        Optional<EmailAddress.Key> key = EmailAddress.lookupKey(email);
        return limiter.call(() -> evaluate(inTransaction(() -> admit(key, client)), client, password,
                AuditEvent.LOGIN_FAILED));
    }

    /** Checks the password of account {@code accountId}, as a password or an email change does; the same protocol. */
    public Optional<PasswordProof> check(int accountId, String password, String client) {
        return limiter.call(() -> evaluate(inTransaction(() -> {
            Optional<Credentials> account = users.credentialsById(accountId);
            return account.isEmpty() ? Attempt.REFUSED : admit(account.get().emailCanonical(), client, account);
        }), client, password, AuditEvent.REAUTHENTICATION_FAILED));
    }

    /**
     * A password found right: the account as it was read when checked, and the failure counts still to clear. The
     * caller acts on it in a transaction of its own, checks there that the password is still the one checked, and
     * calls {@link #confirm} in it: the one protocol of every password check (login, password and email changes).
     */
    public record PasswordProof(Credentials account, String throttleKey, String client) {
    }

    /** The account's address starts afresh, from this client and account-wide, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void confirm(PasswordProof proof) {
        throttle.reset(proof.throttleKey(), proof.client());
    }

    /**
     * Counts an attempt on the address's canonical key. Input that no account can have is counted nowhere (no
     * throttle row for junk): no key at all, or an address today's rules refuse that no adopted account has either.
     * It still costs a hash and gets the same answer.
     */
    private Attempt admit(Optional<EmailAddress.Key> key, String client) {
        if (key.isEmpty()) {
            return Attempt.UNCOUNTED;
        }
        Optional<Credentials> account = users.credentialsByEmail(key.get().canonical());
        if (account.isEmpty() && !key.get().valid()) {
            return Attempt.UNCOUNTED;
        }
        return admit(key.get().canonical(), client, account);
    }

    private Attempt admit(String key, String client, Optional<Credentials> account) {
        LoginThrottle.Admission admission = throttle.tryReserve(key, client);
        if (admission == LoginThrottle.Admission.REFUSED) {
            throw new Refused(); // the rollback undoes a per-client count when the account-wide row is locked
        }
        return new Attempt(true, key, account, admission == LoginThrottle.Admission.ADMITTED_LAST);
    }

    private static Attempt inTransaction(Supplier<Attempt> admission) {
        try {
            return QuarkusTransaction.requiringNew().call(admission::get);
        } catch (Refused e) {
            return Attempt.REFUSED;
        }
    }

    /**
     * Audited: each wrong password ({@code failure}, with the account id when the address has an account), and the
     * failure that starts a lock. Attempts refused during a lock are counted in the metric only: they cost nothing,
     * and a flood of them must not flood the audit log.
     */
    private Optional<PasswordProof> evaluate(Attempt attempt, String client, String password, AuditEvent failure) {
        if (!attempt.admitted()) {
            throttled.increment();
            return Optional.empty();
        }
        boolean matches = false;
        boolean disabled = attempt.account().map(Credentials::disabled).orElse(false);
        if (attempt.account().isPresent()) {
            // a disabled account's hash is still computed and its attempt counted: its answer, cost and count are a
            // wrong password's, right password or not, so it tells a guesser nothing
            matches = matches(password, attempt.account().get()) && !disabled;
        } else {
            passwords.verify(password, dummyHash); // the cost of a wrong password, for an unknown address
        }
        if (!matches) {
            mismatched.increment();
            Integer accountId = attempt.account().map(Credentials::id).orElse(null);
            audit.record(failure, accountId, null,
                    accountId == null ? "unknown address" : disabled ? "account disabled" : "wrong password");
            if (attempt.startsLock()) {
                audit.record(AuditEvent.LOGIN_LOCKED, accountId, null);
            }
            return Optional.empty(); // counted already
        }
        matched.increment();
        return attempt.account().map(account -> new PasswordProof(account, attempt.key(), client));
    }

    private boolean matches(String password, Credentials credentials) {
        try {
            return passwords.verify(password, credentials.passwordHash());
        } catch (InvalidPasswordHashException e) {
            LOG.warnf("User id=%d has an unusable password hash (%s); it needs a password reset", credentials.id(),
                    e.getMessage());
            return false;
        }
    }

    private static Counter outcome(MeterRegistry metrics, String outcome) {
        return Counter.builder("users.password.checks").description("Password checks (login, password and email changes)")
                .tag("outcome", outcome).register(metrics);
    }

    /** A running lock: thrown to roll the admission's transaction back. */
    private static final class Refused extends RuntimeException {
        Refused() {
            super(null, null, false, false);
        }
    }

    /** Whether the throttle let an attempt through, on which key, and the account it names, if any. */
    private record Attempt(boolean admitted, String key, Optional<Credentials> account, boolean startsLock) {
        static final Attempt REFUSED = new Attempt(false, null, Optional.empty(), false);
        /** Evaluated like an unknown address, counted on no key. */
        static final Attempt UNCOUNTED = new Attempt(true, null, Optional.empty(), false);
    }
}
