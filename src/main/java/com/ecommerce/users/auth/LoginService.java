package com.ecommerce.users.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.ecommerce.users.password.InvalidPasswordHashException;
import com.ecommerce.users.password.PasswordHasher;
import com.ecommerce.users.throttle.LoginThrottle;
import com.ecommerce.users.user.service.Credentials;
import com.ecommerce.users.user.service.UserService;

/**
 * Password login. An unknown email costs what a wrong password costs (one Argon2 verification against a dummy hash,
 * the same database work), so neither the answer nor its timing tells whether an account exists.
 */
@ApplicationScoped
public class LoginService {

    private static final Logger LOG = Logger.getLogger(LoginService.class);

    private final UserService users;
    private final PasswordHasher passwords;
    private final LoginThrottle throttle;
    private final TokenIssuer tokens;
    private final String dummyHash;

    LoginService(UserService users, PasswordHasher passwords, LoginThrottle throttle, TokenIssuer tokens) {
        this.users = users;
        this.passwords = passwords;
        this.throttle = throttle;
        this.tokens = tokens;
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = passwords.hash(Base64.getEncoder().encodeToString(random));
    }

    /** @throws LoginFailedException for an unknown email, a wrong password or a throttled address alike */
    public IssuedToken login(String email, String password) {
        String key = LoginThrottle.key(email);
        if (throttle.isLocked(key)) {
            throw new LoginFailedException(); // not counted, so that guesses during a lock cannot extend it
        }
        Optional<Credentials> account = users.credentialsByEmail(email);
        if (account.isEmpty() || !matches(password, account.get())) {
            if (account.isEmpty()) {
                passwords.verify(password, dummyHash);
            }
            throttle.recordFailure(key);
            throw new LoginFailedException();
        }
        Credentials credentials = account.get();
        throttle.reset(key);
        String upgraded = passwords.needsRehash(credentials.passwordHash()) ? passwords.hash(password) : null;
        // The password may have changed while this one was verified: a token is issued only if it has not, under the
        // row lock a change needs, so no token of the old password outlives the change, and an upgrade never
        // overwrites a new password with a hash of the old one (LoginPasswordChangeRaceTests).
        return users.ifPasswordUnchanged(credentials, upgraded,
                () -> tokens.issue(credentials)).orElseThrow(LoginFailedException::new);
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
}
