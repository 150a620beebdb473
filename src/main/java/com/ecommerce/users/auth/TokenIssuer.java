package com.ecommerce.users.auth;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.ecommerce.users.user.Credentials;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

/** Signs access tokens: iss, aud, sub (the account id), upn (its email), groups (its role), iat, exp, jti, kid. */
@ApplicationScoped
public class TokenIssuer {

    private final JwtKeys keys;
    private final JwtConfig config;

    TokenIssuer(JwtKeys keys, JwtConfig config) {
        this.keys = keys;
        this.config = config;
    }

    public IssuedToken issue(Credentials account) {
        long now = Instant.now().getEpochSecond();
        // never dated before the account's last password change, which revokes older tokens (whole seconds)
        long issuedAt = Math.max(now, account.passwordChangedAt().getEpochSecond());
        long expiresAt = issuedAt + config.lifetime().toSeconds();
        String token = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(Integer.toString(account.id()))
                .upn(account.email())
                .groups(Set.of(account.role().value()))
                .issuedAt(issuedAt)
                .expiresAt(expiresAt)
                .claim("jti", UUID.randomUUID().toString())
                .jws()
                .keyId(keys.signingKeyId())
                .algorithm(SignatureAlgorithm.RS256)
                .sign(keys.signingKey());
        return new IssuedToken(token, expiresAt - now);
    }
}
