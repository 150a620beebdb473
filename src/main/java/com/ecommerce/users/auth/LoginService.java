package com.ecommerce.users.auth;

import jakarta.enterprise.context.ApplicationScoped;

import com.ecommerce.users.credential.CredentialCheck;
import com.ecommerce.users.password.PasswordHasher;
import com.ecommerce.users.user.service.Credentials;
import com.ecommerce.users.user.service.UserService;

/**
 * Password login: one answer for an unknown email, a wrong password and a throttled attempt (see
 * {@link CredentialCheck}); the REST layer also answers them all no earlier than {@link LoginFailureFloor}.
 */
@ApplicationScoped
public class LoginService {

    private final UserService users;
    private final PasswordHasher passwords;
    private final CredentialCheck credentials;
    private final TokenIssuer tokens;

    LoginService(UserService users, PasswordHasher passwords, CredentialCheck credentials, TokenIssuer tokens) {
        this.users = users;
        this.passwords = passwords;
        this.credentials = credentials;
        this.tokens = tokens;
    }

    /** @throws LoginFailedException for an unknown email, a wrong password or a throttled attempt alike */
    public IssuedToken login(String email, String password, String client) {
        Credentials account = credentials.verify(email, password, client).orElseThrow(LoginFailedException::new);
        String upgraded = passwords.needsRehash(account.passwordHash()) ? passwords.hash(password) : null;
        // The password may have changed while this one was verified: a token is issued only if it has not, under the
        // row lock a change needs, so no token of the old password outlives the change, and an upgrade never
        // overwrites a new password with a hash of the old one (LoginPasswordChangeRaceTests).
        return users.ifPasswordUnchanged(account, upgraded, () -> tokens.issue(account))
                .orElseThrow(LoginFailedException::new);
    }
}
