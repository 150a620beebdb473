package com.ecommerce.users.mfa;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The second factor ({@code users.mfa.*}). */
@ConfigMapping(prefix = "users.mfa")
public interface MfaConfig {

    /**
     * The keys that encrypt TOTP secrets at rest, as {@code id:base64} pairs (32 bytes each, AES-256), comma-separated:
     * the first encrypts, all decrypt (a rotation adds a new first key and keeps the old one until every secret was
     * re-encrypted or re-enrolled). From a Secret (USERS_MFA_ENCRYPTION_KEYS). Without one, dev and test mode use an
     * ephemeral key and production turns the second factor off (enrolment and the second login step answer 503).
     */
    Optional<String> encryptionKeys();

    /** The issuer an authenticator app shows beside the account (the otpauth URI's issuer). */
    @WithDefault("user-service")
    String issuer();

    /** How long a login's mfa_token lives. */
    @WithDefault("5m")
    Duration challengeLifetime();

    /** Wrong codes after which an mfa_token dies. */
    @WithDefault("5")
    int challengeMaxFailures();
}
