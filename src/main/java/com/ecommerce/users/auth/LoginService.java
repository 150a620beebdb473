package com.ecommerce.users.auth;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.ecommerce.users.credential.CredentialCheck;
import com.ecommerce.users.password.PasswordHasher;
import com.ecommerce.users.user.Credentials;
import com.ecommerce.users.user.UserRepository;
import com.ecommerce.users.verification.VerifiedEmailRequirement;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Password login: one answer for an unknown email, a wrong password and a throttled attempt (see
 * {@link CredentialCheck}); the REST layer also answers them all no earlier than {@link LoginFailureFloor}.
 */
@ApplicationScoped
public class LoginService {

    private static final Logger LOG = Logger.getLogger(LoginService.class);

    private final UserRepository users;
    private final PasswordHasher passwords;
    private final CredentialCheck credentials;
    private final TokenIssuer tokens;
    /** users.registration.require-verified-email; a field, to keep the constructor as it is. */
    @Inject
    VerifiedEmailRequirement verifiedEmail;

    LoginService(UserRepository users, PasswordHasher passwords, CredentialCheck credentials, TokenIssuer tokens) {
        this.users = users;
        this.passwords = passwords;
        this.credentials = credentials;
        this.tokens = tokens;
    }

    /** @throws LoginFailedException for an unknown email, a wrong password or a throttled attempt alike */
    public IssuedToken login(String email, String password, String client) {
        Credentials account = credentials.verify(email, password, client).orElseThrow(LoginFailedException::new);
        verifiedEmail.check(account.id()); // only once the password is right: 403 email-not-verified
        String upgraded = passwords.needsRehash(account.passwordHash()) ? passwords.hash(password) : null;
        // The password may have changed while this one was verified: a token is issued only if it has not, under the
        // row lock a change needs, so no token of the old password outlives the change, and an upgrade never
        // overwrites a new password with a hash of the old one (LoginPasswordChangeRaceTests).
        return QuarkusTransaction.requiringNew().call(() -> issueIfPasswordUnchanged(account, upgraded))
                .orElseThrow(LoginFailedException::new);
    }

    /**
     * Issues a token only if the password verified is still the account's, and while holding its row: a password
     * change racing with the login waits for it, so the cut-off the change then sets is later than the token's iat,
     * and revokes it. With {@code upgradedHash}, a stronger hash of the same password replaces the verified one first,
     * unless another login or a change replaced it already. Empty when the password changed since it was verified.
     */
    private Optional<IssuedToken> issueIfPasswordUnchanged(Credentials verified, String upgradedHash) {
        if (upgradedHash != null && users.upgradeHash(verified.id(), verified.passwordHash(), upgradedHash)) {
            LOG.debugf("Upgraded the password hash of user id=%d", verified.id());
        }
        return users.passwordUnchangedSince(verified.id(), verified.passwordChangedAt())
                ? Optional.of(tokens.issue(verified))
                : Optional.empty();
    }
}
