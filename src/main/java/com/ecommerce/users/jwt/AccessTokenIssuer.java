package com.ecommerce.users.jwt;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.ecommerce.users.account.Credentials;
import com.ecommerce.users.account.Role;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/**
 * Signs access tokens: iss, aud, sub (the account id), upn (its canonical email address), groups (its role), sid (the session the token
 * belongs to: ending the session ends the token, see {@link AccountCheck}), amr (RFC 8176: how the session's login was
 * authenticated, {@code pwd}, with {@code otp} after a second factor), iat, exp, jti, kid.
 */
@ApplicationScoped
public class AccessTokenIssuer {

    /** The claim naming the token's session (OpenID Connect's "sid"). */
    public static final String SESSION_CLAIM = "sid";

    private final JwtKeys keys;
    private final JwtConfig config;
    private final Issuer issuer;

    AccessTokenIssuer(JwtKeys keys, JwtConfig config, Issuer issuer) {
        this.keys = keys;
        this.config = config;
        this.issuer = issuer;
    }

    /**
     * The iat a token issued now gets: never before the account's last password change, which revokes older tokens
     * (whole seconds, see {@code User#revokeTokens}).
     */
    public static long issuedAt(Instant passwordChangedAt) {
        return Math.max(Instant.now().getEpochSecond(), passwordChangedAt.getEpochSecond());
    }

    /** The claim listing the authentication methods of the session's login (RFC 8176). */
    public static final String AMR_CLAIM = "amr";

    public AccessToken issue(Credentials account, UUID sessionId, List<String> amr) {
        return issue(account.id(), account.emailCanonical(), account.role(), account.passwordChangedAt(), sessionId, amr);
    }

    public AccessToken issue(int accountId, String emailCanonical, Role role, Instant passwordChangedAt, UUID sessionId,
            List<String> amr) {
        long now = Instant.now().getEpochSecond();
        long issuedAt = issuedAt(passwordChangedAt);
        long expiresAt = issuedAt + config.lifetime().toSeconds();
        String token = Jwt.issuer(issuer.value())
                .audience(config.audience())
                .subject(Integer.toString(accountId))
                .upn(emailCanonical)
                .groups(Set.of(role.value()))
                .claim(SESSION_CLAIM, sessionId.toString())
                .claim(AMR_CLAIM, amr)
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString())
                .jws()
                .keyId(keys.signingKeyId())
                .algorithm(SignatureAlgorithm.RS256)
                .sign(keys.signingKey());
        return new AccessToken(token, expiresAt - now);
    }
}
