package com.ecommerce.users.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KDF;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.HKDFParameterSpec;

/**
 * A secret sealed for whoever holds another secret: AES-256-GCM under a key derived with HKDF-SHA256 (RFC 5869) from
 * the {@code holder} secret, a {@link SecretTokens} token whose 256 random bits need no slow derivation. The database
 * keeps only the holder's SHA-256 ({@link SecretTokens#hash}); HKDF's extract and expand, with a purpose of their own,
 * give a key that digest says nothing about. So what is sealed can be opened only by presenting the holder secret
 * again, not by anyone who reads the table. The JDK's own HKDF (javax.crypto.KDF) and AES-GCM: no library needed.
 *
 * <p>Layout: a 12-byte random nonce, then the ciphertext with its 16-byte tag. {@code context} (for example the row's
 * key) is authenticated with it: a sealed value moved to another row does not open.
 */
public final class SealedSecrets {

    private static final byte[] PURPOSE = "user-service sealed secret v1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SealedSecrets() {
    }

    /** {@code secret}, sealed so that only {@code holder} opens it, bound to {@code context}. */
    public static byte[] seal(String holder, String secret, byte[] context) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, holder, nonce, context);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HKDF-SHA256 and AES-GCM", e);
        }
    }

    /** What {@link #seal} sealed; empty if {@code holder} or {@code context} is not the one it was sealed with. */
    public static Optional<String> open(String holder, byte[] sealed, byte[] context) {
        if (sealed == null || sealed.length < NONCE_BYTES + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, holder, Arrays.copyOf(sealed, NONCE_BYTES), context);
            byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HKDF-SHA256 and AES-GCM", e);
        }
    }

    private static Cipher cipher(int mode, String holder, byte[] nonce, byte[] context) throws GeneralSecurityException {
        SecretKey key = KDF.getInstance("HKDF-SHA256").deriveKey("AES", HKDFParameterSpec.ofExtract()
                .addIKM(holder.getBytes(StandardCharsets.UTF_8)).thenExpand(PURPOSE, 32));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(context);
        return cipher;
    }
}
