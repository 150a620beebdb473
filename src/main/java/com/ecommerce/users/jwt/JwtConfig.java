package com.ecommerce.users.jwt;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Access tokens ({@code users.jwt.*}). Keys are PEM: the signing key an RSA private key in PKCS#8
 * ({@code openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072}), the previous verification key the public
 * half of the key it replaced. Each as content (an environment variable from a Secret) or as a file location (a
 * mounted Secret).
 */
@ConfigMapping(prefix = "users.jwt")
public interface JwtConfig {

    /**
     * The iss claim, which other services check, and the service's public base URL: the discovery document's
     * {@code issuer}, from which its endpoint URLs derive. An https URL in production ({@link Issuer}).
     */
    Optional<String> issuer();

    /** The aud claim: the services meant to accept these tokens. */
    @WithDefault("ecommerce")
    String audience();

    /** How long an access token lives. */
    @WithDefault("15m")
    Duration lifetime();

    /**
     * Tokens whose signature and claims were verified, kept until they expire so that a client's next requests skip the
     * RSA verification (VerifiedTokens); 0 verifies every request. About 3 KiB of heap each.
     */
    @WithDefault("10000")
    int verifiedCacheSize();

    Optional<String> signingKey();

    Optional<String> signingKeyLocation();

    /** The public key of the key being rotated out: tokens it signed stay valid until they expire. */
    Optional<String> previousVerificationKey();

    Optional<String> previousVerificationKeyLocation();
}
