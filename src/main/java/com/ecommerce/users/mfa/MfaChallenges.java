package com.ecommerce.users.mfa;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.ecommerce.users.platform.crypto.SecretTokens;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * A login's second step. A right password for an account with a second factor gets an mfa_token instead of a session:
 * random (SecretTokens), stored as its SHA-256, bound to the account and to the password check (the account's
 * password_changed_at then: a change meanwhile kills it), alive {@code challenge-lifetime}, used once, dead after
 * {@code challenge-max-failures} wrong codes.
 */
@ApplicationScoped
public class MfaChallenges {

    private static final Logger LOG = Logger.getLogger(MfaChallenges.class);
    /** A SecretTokens token: 43 base64url characters; anything else is refused before the database is asked. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9_-]{43}");

    /** RFC 8176 amr values of a login with a password and a second factor (a recovery code included: see docs). */
    public static final List<String> PASSWORD_AND_OTP = List.of("pwd", "otp");

    private final MfaRepository repository;
    private final SecondFactor secondFactor;
    private final MfaConfig config;

    MfaChallenges(MfaRepository repository, SecondFactor secondFactor, MfaConfig config) {
        this.repository = repository;
        this.secondFactor = secondFactor;
        this.config = config;
    }

    /** A new mfa_token for the account whose password was just checked; in the login's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String issue(int userId, Instant passwordChangedAt) {
        String token = SecretTokens.generate();
        repository.insertChallenge(SecretTokens.hash(token), userId, passwordChangedAt,
                Instant.now().plus(config.challengeLifetime()));
        return token;
    }

    /** What a second step found. */
    public sealed interface Result {
        /** The token is unknown, expired, used, dead of wrong codes; or the factor is gone. */
        record InvalidToken() implements Result {
        }

        record WrongCode() implements Result {
        }

        /** Passed: the account and the password check the token was bound to (the caller checks it still holds). */
        record Passed(int userId, Instant passwordChangedAt) implements Result {
        }
    }

    /**
     * Checks the second step in a transaction of its own, committed whatever the outcome (the failure counts, the
     * used step or recovery code). A pass uses the token up.
     */
    public Result redeem(String mfaToken, String code, String recoveryCode, String client) {
        if (mfaToken == null || !WELL_FORMED.matcher(mfaToken).matches()) {
            return new Result.InvalidToken();
        }
        byte[] digest = SecretTokens.hash(mfaToken);
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<MfaRepository.Challenge> found = repository.lockChallenge(digest);
            if (found.isEmpty() || !found.get().expiresAt().isAfter(Instant.now())) {
                found.ifPresent(expired -> repository.deleteChallenge(digest));
                return new Result.InvalidToken();
            }
            MfaRepository.Challenge challenge = found.get();
            if (!secondFactor.verify(challenge.userId(), code, recoveryCode, client, "login")) {
                if (challenge.failures() + 1 >= config.challengeMaxFailures()) {
                    repository.deleteChallenge(digest);
                } else {
                    repository.countChallengeFailure(digest);
                }
                return new Result.WrongCode();
            }
            repository.deleteChallenge(digest);
            return new Result.Passed(challenge.userId(), challenge.passwordChangedAt());
        });
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        int purged = QuarkusTransaction.requiringNew().call(() -> repository.purgeChallenges(Instant.now()));
        if (purged > 0) {
            LOG.debugf("Purged %d expired mfa tokens", purged);
        }
    }
}
