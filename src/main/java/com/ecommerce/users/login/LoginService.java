package com.ecommerce.users.login;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.ecommerce.users.account.Credentials;
import com.ecommerce.users.account.UserRepository;
import com.ecommerce.users.audit.AuditEvent;
import com.ecommerce.users.audit.AuditLog;
import com.ecommerce.users.credential.CredentialCheck;
import com.ecommerce.users.jwt.AccessTokenIssuer;
import com.ecommerce.users.mfa.MfaChallenges;
import com.ecommerce.users.mfa.SecondFactor;
import com.ecommerce.users.password.PasswordHasher;
import com.ecommerce.users.verification.VerifiedEmailRequirement;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Password login: one answer for an unknown email, a wrong password and a throttled attempt (see
 * {@link CredentialCheck}); the REST layer also answers them all no earlier than {@link LoginFailureFloor}. A login
 * opens a session ({@link SessionService}): an access token and a refresh token. For an account with a second factor,
 * the right password gets an mfa_token instead ({@link MfaChallenges}), and {@link #completeMfa} opens the session.
 * Whether an account has one is looked at only once its password was found right.
 */
@ApplicationScoped
public class LoginService {

    private static final Logger LOG = Logger.getLogger(LoginService.class);

    private final UserRepository users;
    private final PasswordHasher passwords;
    private final CredentialCheck credentials;
    private final AccessTokenIssuer accessTokens;
    private final SessionService sessions;
    private final AuditLog audit;
    private final VerifiedEmailRequirement verifiedEmail;
    private final SecondFactor secondFactor;
    private final MfaChallenges challenges;

    LoginService(UserRepository users, PasswordHasher passwords, CredentialCheck credentials, AccessTokenIssuer accessTokens,
            SessionService sessions, AuditLog audit, VerifiedEmailRequirement verifiedEmail, SecondFactor secondFactor,
            MfaChallenges challenges) {
        this.secondFactor = secondFactor;
        this.challenges = challenges;
        this.users = users;
        this.passwords = passwords;
        this.credentials = credentials;
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.audit = audit;
        this.verifiedEmail = verifiedEmail;
    }

    /**
     * @param userAgent the client's User-Agent, shown in the account's session list
     * @throws LoginFailedException for an unknown email, a wrong password or a throttled attempt alike
     * @throws MfaRequiredException for the right password of an account with a second factor: the next step's token
     */
    public SessionTokens login(String email, String password, String client, String userAgent) {
        CredentialCheck.PasswordProof verified = credentials.check(email, password, client)
                .orElseThrow(LoginFailedException::new);
        Credentials account = verified.account();
        verifiedEmail.check(account.id()); // only once the password is right: 403 email-not-verified
        String upgraded = passwords.needsRehash(account.passwordHash()) ? passwords.hash(password) : null;
        // The password may have changed while this one was verified: a session opens only if it has not, under the
        // row lock a change needs, so no token of the old password outlives the change, and an upgrade never
        // overwrites a new password with a hash of the old one (LoginPasswordChangeRaceTests).
        Opened opened = QuarkusTransaction.requiringNew()
                .call(() -> openIfPasswordUnchanged(verified, upgraded, userAgent))
                .orElseThrow(LoginFailedException::new);
        if (opened.mfaToken() != null) {
            throw new MfaRequiredException(opened.mfaToken());
        }
        audit.record(AuditEvent.LOGIN_SUCCEEDED, account.id(), account.id(), "session " + opened.session().id());
        return new SessionTokens(accessTokens.issue(account, opened.session().id(), PASSWORD_ONLY), opened.session());
    }

    /**
     * A login's second step: the mfa_token and a code or a recovery code. The session opens only if the password the
     * token was bound to is still the account's.
     *
     * @throws SecondStepFailedException for a wrong code (the token lives on, up to its failure limit) or a token that
     *         is unknown, expired, used or dead
     */
    public SessionTokens completeMfa(String mfaToken, String code, String recoveryCode, String client, String userAgent) {
        MfaChallenges.Result result = challenges.redeem(mfaToken, code, recoveryCode, client);
        if (!(result instanceof MfaChallenges.Result.Passed passed)) {
            throw new SecondStepFailedException(result instanceof MfaChallenges.Result.WrongCode);
        }
        Optional<SessionTokens> tokens = QuarkusTransaction.requiringNew().call(() -> {
            Optional<Credentials> account = users.credentialsById(passed.userId());
            if (account.isEmpty() || !users.passwordUnchangedSince(passed.userId(), passed.passwordChangedAt())) {
                return Optional.empty();
            }
            OpenedSession session = sessions.open(passed.userId(), account.get().passwordChangedAt(), userAgent, client,
                    MfaChallenges.PASSWORD_AND_OTP);
            return Optional.of(new SessionTokens(
                    accessTokens.issue(account.get(), session.id(), MfaChallenges.PASSWORD_AND_OTP), session));
        });
        SessionTokens opened = tokens.orElseThrow(() -> new SecondStepFailedException(false));
        audit.record(AuditEvent.LOGIN_SUCCEEDED, passed.userId(), passed.userId(),
                "session " + opened.session().id() + " with a second factor");
        return opened;
    }

    /** RFC 8176: a login with the password alone. */
    private static final List<String> PASSWORD_ONLY = List.of("pwd");

    /** A session opened, or, for an account with a second factor, the token of the next step. */
    private record Opened(OpenedSession session, String mfaToken) {
    }

    /**
     * Opens a session only if the password verified is still the account's, and while holding its row: a password
     * change racing with the login waits for it, so the cut-off the change then sets is later than the session's
     * authentication time and the token's iat, and revokes both. With {@code upgradedHash}, a stronger hash of the
     * same password replaces the verified one first, unless another login or a change replaced it already. Empty
     * when the password changed since it was verified.
     */
    private Optional<Opened> openIfPasswordUnchanged(CredentialCheck.PasswordProof verified, String upgradedHash,
            String userAgent) {
        Credentials account = verified.account();
        if (upgradedHash != null && users.upgradeHash(account.id(), account.passwordHash(), upgradedHash)) {
            LOG.debugf("Upgraded the password hash of user id=%d", account.id());
        }
        if (!users.passwordUnchangedSince(account.id(), account.passwordChangedAt())) {
            return Optional.empty();
        }
        credentials.confirm(verified); // in this transaction: a login is one before its hash and one after
        if (secondFactor.enabled(account.id())) {
            return Optional.of(new Opened(null, challenges.issue(account.id(), account.passwordChangedAt())));
        }
        return Optional.of(new Opened(sessions.open(account.id(), account.passwordChangedAt(), userAgent,
                verified.client(), PASSWORD_ONLY), null));
    }
}
