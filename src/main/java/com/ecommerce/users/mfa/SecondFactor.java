package com.ecommerce.users.mfa;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.ecommerce.users.audit.AuditEvent;
import com.ecommerce.users.audit.AuditLog;
import com.ecommerce.users.throttle.LoginThrottle;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The one check of a second factor: a TOTP code or a recovery code, for a login's second step and for a sensitive
 * change (step-up). Every attempt is counted first by {@link LoginThrottle}, on a key of its own per account (shared
 * across replicas, like password guesses), and cleared by a success. A TOTP code is accepted once: its time step must
 * be later than the last one used ({@link MfaRepository#useStep}); a recovery code is used up.
 */
@ApplicationScoped
public class SecondFactor {

    private final MfaRepository repository;
    private final TotpSecretCipher cipher;
    private final TotpCodes codes;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    SecondFactor(MfaRepository repository, TotpSecretCipher cipher, TotpCodes codes, LoginThrottle throttle,
            AuditLog audit) {
        this.repository = repository;
        this.cipher = cipher;
        this.codes = codes;
        this.throttle = throttle;
        this.audit = audit;
    }

    /** Whether the account has a confirmed second factor; one autocommit read. */
    public boolean enabled(int userId) {
        return QuarkusTransaction.joiningExisting().call(() -> repository.confirmed(userId));
    }

    /**
     * For a sensitive change of an account with a second factor: a code or a recovery code is required and must be
     * right. Nothing for an account without one.
     *
     * @throws MfaCodeRequiredException when neither is given
     * @throws WrongMfaCodeException for a wrong, replayed or throttled one
     */
    public void stepUp(int userId, String code, String recoveryCode, String client) {
        if (!enabled(userId)) {
            return;
        }
        if (code == null && recoveryCode == null) {
            throw new MfaCodeRequiredException();
        }
        if (!QuarkusTransaction.requiringNew().call(() -> verify(userId, code, recoveryCode, client, "step-up"))) {
            throw new WrongMfaCodeException();
        }
    }

    /**
     * Checks a code (or, when {@code code} is null, a recovery code) of the account's confirmed factor in the
     * caller's transaction, which must commit whatever the outcome: the throttle's count and a used step or code
     * are written in it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean verify(int userId, String code, String recoveryCode, String client, String where) {
        String key = throttleKey(userId);
        if (throttle.tryReserve(key, client) == LoginThrottle.Admission.REFUSED) {
            audit.record(AuditEvent.MFA_FAILED, userId, null, where + ": throttled");
            return false;
        }
        Optional<MfaRepository.Totp> totp = repository.find(userId).filter(MfaRepository.Totp::confirmed);
        boolean passed = totp.isPresent() && (code != null
                ? usesTotp(userId, totp.get(), code)
                : recoveryCode != null && repository.useRecoveryCode(userId, RecoveryCodes.hash(recoveryCode), Instant.now()));
        if (!passed) {
            audit.record(AuditEvent.MFA_FAILED, userId, null, where);
            return false;
        }
        throttle.reset(key, client);
        if (code == null) {
            audit.record(AuditEvent.MFA_RECOVERY_CODE_USED, userId, userId, where);
        }
        return true;
    }

    /** A confirmation's code, for the pending secret {@code totp}: throttled and used once like any other. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean checkPending(int userId, MfaRepository.Totp totp, String code, String client) {
        String key = throttleKey(userId);
        if (throttle.tryReserve(key, client) == LoginThrottle.Admission.REFUSED || !usesTotp(userId, totp, code)) {
            audit.record(AuditEvent.MFA_FAILED, userId, null, "confirmation");
            return false;
        }
        throttle.reset(key, client);
        return true;
    }

    /** Whether {@code code} is a code of the secret not used before, and marks its step used. */
    boolean usesTotp(int userId, MfaRepository.Totp totp, String code) {
        byte[] secret = cipher.decrypt(totp.secret(), userId);
        OptionalLong step = codes.matchingStep(secret, code, totp.lastUsedStep());
        return step.isPresent() && repository.useStep(userId, step.getAsLong());
    }

    /** The throttle's key for an account's code guesses; no email address has this form. */
    static String throttleKey(int userId) {
        return "mfa:" + userId;
    }
}
