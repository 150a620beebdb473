package com.ecommerce.users.auth;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.ecommerce.users.user.AccountStatus;
import com.ecommerce.users.user.Role;
import com.ecommerce.users.user.service.UserService;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Runs after smallrye-jwt has verified a token's signature and claims: the account must still exist, its password
 * must not have changed since the token was issued, and the token's session (sid) must not have ended (a logout). Its role comes from the database, not from the token, so a
 * demotion takes effect at once. The result is a {@link Caller} attribute for the use cases.
 */
@ApplicationScoped
public class AccountCheck implements SecurityIdentityAugmentor {

    private final UserService users;

    AccountCheck(UserService users) {
        this.users = users;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken)) {
            return Uni.createFrom().item(identity);
        }
        return context.runBlocking(() -> check(identity, (JsonWebToken) identity.getPrincipal()));
    }

    private SecurityIdentity check(SecurityIdentity identity, JsonWebToken token) {
        int id = userId(token);
        UUID sessionId = sessionId(token);
        Optional<AccountStatus> status = users.accountStatus(id, sessionId);
        if (status.isEmpty()) {
            throw new AuthenticationFailedException("account deleted");
        }
        if (token.getIssuedAtTime() < status.get().passwordChangedAt().getEpochSecond()) {
            throw new AuthenticationFailedException("token issued before the last password change");
        }
        if (!status.get().sessionLive()) {
            throw new AuthenticationFailedException("the token's session ended");
        }
        String role = status.get().role().value();
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(token)
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addAttribute(Caller.IDENTITY_ATTRIBUTE, new Caller(id, status.get().role() == Role.ADMIN, sessionId))
                .addRole(role)
                .build();
    }

    /** The sid claim; null for tokens issued before sessions existed, which live out their 15 minutes. */
    private static UUID sessionId(JsonWebToken token) {
        Object sid = token.getClaim(TokenIssuer.SESSION_CLAIM);
        if (sid == null) {
            return null;
        }
        try {
            return UUID.fromString(sid.toString().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            throw new AuthenticationFailedException("sid is not a session id");
        }
    }

    private static int userId(JsonWebToken token) {
        try {
            return Integer.parseInt(token.getSubject());
        } catch (NumberFormatException e) {
            throw new AuthenticationFailedException("subject is not an account id");
        }
    }
}
