package com.ecommerce.users.mfa;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;

/**
 * Encrypts TOTP secrets at rest: AES-256-GCM (the JDK's), a fresh 96-bit nonce per secret, the account id as
 * associated data (a ciphertext copied to another account's row does not decrypt). Keys carry ids: the first
 * configured key encrypts, every configured key decrypts, so keys rotate without a flag day.
 */
@ApplicationScoped
public class TotpSecretCipher {

    private static final Logger LOG = Logger.getLogger(TotpSecretCipher.class);
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKey> keys;
    private final String currentKeyId;

    @Inject
    TotpSecretCipher(MfaConfig config) {
        this(config.encryptionKeys(), LaunchMode.current());
    }

    /** For a check with other keys (tests). */
    TotpSecretCipher(Optional<String> configured, LaunchMode mode) {
        keys = parse(configured.filter(value -> !value.isBlank()).orElse(""));
        if (keys.isEmpty() && mode != LaunchMode.NORMAL) {
            byte[] ephemeral = new byte[32];
            RANDOM.nextBytes(ephemeral);
            keys.put("ephemeral", new SecretKeySpec(ephemeral, "AES"));
            LOG.warn("No users.mfa.encryption-keys: TOTP secrets use an ephemeral key (dev and test mode only)");
        } else if (keys.isEmpty()) {
            LOG.warn("No users.mfa.encryption-keys (USERS_MFA_ENCRYPTION_KEYS): the second factor is unavailable; "
                    + "see docs/security.md, \"Second factor\"");
        }
        currentKeyId = keys.isEmpty() ? null : keys.keySet().iterator().next();
    }

    /** A secret sealed under the current key. */
    public record Sealed(byte[] ciphertext, String keyId) {
    }

    public boolean available() {
        return currentKeyId != null;
    }

    public Sealed encrypt(byte[] secret, int accountId) {
        requireAvailable();
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), nonce, accountId, secret);
        return new Sealed(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array(), currentKeyId);
    }

    public byte[] decrypt(Sealed sealed, int accountId) {
        requireAvailable();
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("TOTP secret of user id=" + accountId + " is under key '" + sealed.keyId()
                    + "', which users.mfa.encryption-keys no longer lists");
        }
        byte[] all = sealed.ciphertext();
        byte[] nonce = java.util.Arrays.copyOf(all, NONCE_BYTES);
        byte[] body = java.util.Arrays.copyOfRange(all, NONCE_BYTES, all.length);
        return run(Cipher.DECRYPT_MODE, key, nonce, accountId, body);
    }

    private void requireAvailable() {
        if (!available()) {
            throw new SecondFactorUnavailableException();
        }
    }

    private static byte[] run(int mode, SecretKey key, byte[] nonce, int accountId, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ByteBuffer.allocate(Integer.BYTES).putInt(accountId).array());
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TOTP secret " + (mode == Cipher.ENCRYPT_MODE ? "encryption" : "decryption")
                    + " failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static Map<String, SecretKey> parse(String configured) {
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        for (String entry : configured.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon < 1) {
                throw new IllegalStateException("users.mfa.encryption-keys: each key is id:base64");
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(entry.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("users.mfa.encryption-keys: key '" + entry.substring(0, colon).strip()
                        + "' is not base64");
            }
            if (key.length != 32) {
                throw new IllegalStateException("users.mfa.encryption-keys: key '" + entry.substring(0, colon).strip()
                        + "' must be 32 bytes (openssl rand -base64 32)");
            }
            parsed.put(entry.substring(0, colon).strip(), new SecretKeySpec(key, "AES"));
        }
        return parsed;
    }
}
