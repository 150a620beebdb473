package com.ecommerce.users.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import com.ecommerce.users.account.Caller;
import com.ecommerce.users.account.UserNotFoundException;
import com.ecommerce.users.account.UserRepository;
import com.ecommerce.users.audit.AuditEvent;
import com.ecommerce.users.audit.AuditLog;
import com.ecommerce.users.credential.CredentialCheck;
import com.ecommerce.users.credential.CredentialCheck.PasswordProof;
import com.ecommerce.users.credential.WrongPasswordException;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * An account's own second factor: enrol (a pending secret, with the current password), confirm (a first code; ten
 * recovery codes; the account's other sessions end), turn off and renew the recovery codes (the password and a code);
 * and an admin's removal of another account's factor.
 */
@ApplicationScoped
public class MfaEnrolment {

    private final MfaRepository repository;
    private final TotpSecretCipher cipher;
    private final TotpCodes codes;
    private final SecondFactor secondFactor;
    private final CredentialCheck credentials;
    private final UserRepository users;
    private final AuditLog audit;
    private final MfaConfig config;
    private final Event<SecondFactorConfirmed> confirmed;

    MfaEnrolment(MfaRepository repository, TotpSecretCipher cipher, TotpCodes codes, SecondFactor secondFactor,
            CredentialCheck credentials, UserRepository users, AuditLog audit, MfaConfig config,
            Event<SecondFactorConfirmed> confirmed) {
        this.repository = repository;
        this.cipher = cipher;
        this.codes = codes;
        this.secondFactor = secondFactor;
        this.credentials = credentials;
        this.users = users;
        this.audit = audit;
        this.config = config;
        this.confirmed = confirmed;
    }

    /** What an authenticator app needs, shown once: the secret, its otpauth URI, and the URI as a QR code. */
    public record Enrolment(String secret, String otpauthUri, String qrCode) {
        @Override
        public String toString() {
            return "Enrolment[]"; // never the secret
        }
    }

    /** A new pending secret for the caller, replacing a pending one; nothing changes for login until confirmed. */
    public Enrolment enrol(Caller caller, String currentPassword, String client) {
        if (!cipher.available()) {
            throw new SecondFactorUnavailableException();
        }
        PasswordProof proof = prove(caller, currentPassword, client);
        byte[] secret = TotpCodes.newSecret();
        TotpSecretCipher.Sealed sealed = cipher.encrypt(secret, caller.userId());
        boolean stored = QuarkusTransaction.requiringNew().call(() -> {
            confirmProof(proof);
            return repository.storePending(caller.userId(), sealed, Instant.now());
        });
        if (!stored) {
            throw new MfaAlreadyEnabledException();
        }
        audit.record(AuditEvent.MFA_ENROLLED, caller.userId(), caller.userId());
        String base32 = TotpCodes.base32(secret);
        String uri = otpauthUri(base32, proof.account().emailCanonical());
        return new Enrolment(base32, uri, TotpQrCode.svgDataUri(uri));
    }

    /**
     * Confirms the pending secret with a code from the app: the account needs the second factor from now on, its
     * other sessions end, and it gets ten recovery codes (shown once).
     */
    public List<String> confirm(Caller caller, String code, String client) {
        List<String> recoveryCodes = RecoveryCodes.generate();
        Outcome outcome = QuarkusTransaction.requiringNew().call(() -> {
            MfaRepository.Totp totp = repository.find(caller.userId()).orElse(null);
            if (totp == null) {
                return Outcome.NOT_ENROLLED;
            }
            if (totp.confirmed()) {
                return Outcome.ALREADY;
            }
            if (!secondFactorUsesCode(caller.userId(), totp, code, client)) {
                return Outcome.WRONG;
            }
            repository.markConfirmed(caller.userId(), Instant.now());
            repository.replaceRecoveryCodes(caller.userId(), recoveryCodes.stream().map(RecoveryCodes::hash).toList());
            confirmed.fire(new SecondFactorConfirmed(caller.userId(), caller.sessionId()));
            return Outcome.DONE;
        });
        switch (outcome) {
            case NOT_ENROLLED -> throw new MfaNotEnrolledException();
            case ALREADY -> throw new MfaAlreadyEnabledException();
            case WRONG -> throw new WrongMfaCodeException();
            case DONE -> audit.record(AuditEvent.MFA_CONFIRMED, caller.userId(), caller.userId());
        }
        return recoveryCodes;
    }

    private enum Outcome { NOT_ENROLLED, ALREADY, WRONG, DONE }

    // The throttle counts confirmation guesses as any other; the pending factor is not "confirmed" yet, so the
    // check is this one, not SecondFactor.verify's.
    private boolean secondFactorUsesCode(int userId, MfaRepository.Totp totp, String code, String client) {
        return secondFactor.checkPending(userId, totp, code, client);
    }

    /** Turns the caller's second factor off: the password and a code (or a recovery code). */
    public void disable(Caller caller, String currentPassword, String code, String recoveryCode, String client) {
        PasswordProof proof = proveWithFactor(caller, currentPassword, code, recoveryCode, client);
        boolean removed = QuarkusTransaction.requiringNew().call(() -> {
            confirmProof(proof);
            return repository.remove(caller.userId());
        });
        if (!removed) {
            throw new MfaNotEnrolledException();
        }
        audit.record(AuditEvent.MFA_REMOVED, caller.userId(), caller.userId());
    }

    /** Ten new recovery codes for the caller (the old ones stop working): the password and a code. */
    public List<String> renewRecoveryCodes(Caller caller, String currentPassword, String code, String recoveryCode,
            String client) {
        PasswordProof proof = proveWithFactor(caller, currentPassword, code, recoveryCode, client);
        List<String> recoveryCodes = RecoveryCodes.generate();
        QuarkusTransaction.requiringNew().run(() -> {
            confirmProof(proof);
            repository.replaceRecoveryCodes(caller.userId(), recoveryCodes.stream().map(RecoveryCodes::hash).toList());
        });
        audit.record(AuditEvent.MFA_RECOVERY_CODES_RENEWED, caller.userId(), caller.userId());
        return recoveryCodes;
    }

    /** An admin removes account {@code id}'s second factor, if any (a lost phone and no recovery code left). */
    public void remove(Caller admin, int id) {
        boolean removed = QuarkusTransaction.requiringNew().call(() -> {
            users.lockForUpdate(id).orElseThrow(UserNotFoundException::new);
            return repository.remove(id);
        });
        audit.record(AuditEvent.MFA_REMOVED, id, admin.userId(), removed ? "by an admin" : "by an admin: had none");
    }

    private PasswordProof proveWithFactor(Caller caller, String currentPassword, String code, String recoveryCode,
            String client) {
        PasswordProof proof = prove(caller, currentPassword, client);
        if (!secondFactor.enabled(caller.userId())) {
            throw new MfaNotEnrolledException();
        }
        secondFactor.stepUp(caller.userId(), code, recoveryCode, client);
        return proof;
    }

    private PasswordProof prove(Caller caller, String currentPassword, String client) {
        return credentials.check(caller.userId(), currentPassword, client).orElseThrow(WrongPasswordException::new);
    }

    /** In the acting transaction: the password proven is still the account's, and its failure counts start afresh. */
    private void confirmProof(PasswordProof proof) {
        if (!users.passwordUnchangedSince(proof.account().id(), proof.account().passwordChangedAt())) {
            throw new WrongPasswordException();
        }
        credentials.confirm(proof);
    }

    private String otpauthUri(String base32, String account) {
        String issuer = encode(config.issuer());
        return "otpauth://totp/" + issuer + ":" + encode(account) + "?secret=" + base32 + "&issuer=" + issuer
                + "&algorithm=SHA1&digits=" + TotpCodes.DIGITS + "&period=" + TotpCodes.STEP.toSeconds();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
