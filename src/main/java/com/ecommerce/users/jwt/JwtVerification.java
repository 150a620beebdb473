package com.ecommerce.users.jwt;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * How quarkus-smallrye-jwt verifies bearer tokens: with this service's own keys (see {@link JwtKeys}) rather than
 * mp.jwt.verify.* properties, so that dev and test mode need no key, and both keys of a rotation verify.
 */
@Singleton
public class JwtVerification {

    /** Tolerated clock difference between the replicas and their peers: for exp here, for iat in CachingJwtParser. */
    static final int CLOCK_SKEW_SECONDS = 30;

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    JWTAuthContextInfo contextInfo(JwtKeys keys, JwtConfig config, Issuer issuer) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(keys.jwks());
        info.setIssuedBy(issuer.value());
        info.setExpectedAudience(Set.of(config.audience()));
        // RS256 only: "none", HS256 with the public key as secret, and every other algorithm are refused
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setRelaxVerificationKeyValidation(false);
        info.setRequiredClaims(Set.of("sub", "upn", "iat", "exp", "jti"));
        info.setMaxTimeToLiveSecs(config.lifetime().toSeconds());
        info.setClockSkew(CLOCK_SKEW_SECONDS);
        return info;
    }
}
