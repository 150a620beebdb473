package com.ecommerce.users.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** RSA keys made for the tests, written as PEM files under target/test-keys, as an operator would mount them. */
public final class TestKeys {

    private static final Path DIR = Path.of("target", "test-keys");

    private TestKeys() {
    }

    public static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String privatePem(KeyPair pair) {
        return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
    }

    public static String publicPem(KeyPair pair) {
        return pem("PUBLIC KEY", pair.getPublic().getEncoded());
    }

    /** Writes {@code content} to target/test-keys/{@code name} and returns its absolute path. */
    public static String write(String name, String content) {
        try {
            Files.createDirectories(DIR);
            Path file = DIR.resolve(name);
            Files.writeString(file, content);
            return file.toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The signing key of the packaged application under test, made once per test JVM. */
    public static synchronized String signingKeyFile() {
        Path file = DIR.resolve("signing-key.pem");
        if (Files.exists(file)) {
            return file.toAbsolutePath().toString();
        }
        return write("signing-key.pem", privatePem(generate()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
