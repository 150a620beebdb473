package com.ecommerce.users.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The FFM binding itself: what it computes, what it leaves alone, and how a missing library is reported. */
class LibArgon2Tests {

    private static final LibArgon2 LIBARGON2 = PasswordTestSupport.libargon2();
    private static final BouncyCastleArgon2 BOUNCY_CASTLE = new BouncyCastleArgon2();

    @Test
    void computesTheServicesDefaultHashAsBouncyCastleDoes() {
        Argon2Hash params = params(Argon2Hash.Type.ARGON2ID, Argon2Hash.VERSION_13, 19456, 2, 1, 32);
        byte[] password = "correct horse battery staple".getBytes(StandardCharsets.UTF_8);

        assertThat(LIBARGON2.compute(params, password)).hasSize(32).isEqualTo(BOUNCY_CASTLE.compute(params, password));
    }

    /** argon2_hash() would write version 19 whatever the hash says: v=16 hashes must be computed as v=16. */
    @Test
    void honoursTheVersionOfTheStoredHash() {
        byte[] password = "password".getBytes(StandardCharsets.UTF_8);
        Argon2Hash v16 = params(Argon2Hash.Type.ARGON2I, Argon2Hash.VERSION_10, 4096, 3, 1, 32);
        Argon2Hash v19 = params(Argon2Hash.Type.ARGON2I, Argon2Hash.VERSION_13, 4096, 3, 1, 32);

        assertThat(LIBARGON2.compute(v16, password)).isEqualTo(BOUNCY_CASTLE.compute(v16, password))
                .isNotEqualTo(LIBARGON2.compute(v19, password));
    }

    /** Lanes run on threads (threads = parallelism); the result must not depend on it. */
    @Test
    void computesSeveralLanesAsBouncyCastleDoes() {
        Argon2Hash params = params(Argon2Hash.Type.ARGON2ID, Argon2Hash.VERSION_13, 8192, 2, 8, 16);
        byte[] password = "secret123".getBytes(StandardCharsets.UTF_8);

        assertThat(LIBARGON2.compute(params, password)).isEqualTo(BOUNCY_CASTLE.compute(params, password));
    }

    @Test
    void hashesTheEmptyPassword() {
        Argon2Hash params = params(Argon2Hash.Type.ARGON2ID, Argon2Hash.VERSION_13, 1024, 1, 1, 32);

        assertThat(LIBARGON2.compute(params, new byte[0])).isEqualTo(BOUNCY_CASTLE.compute(params, new byte[0]))
                .isNotEqualTo(LIBARGON2.compute(params, new byte[1]));
    }

    @Test
    void leavesTheCallersPasswordAndSaltAsTheyWere() {
        Argon2Hash params = params(Argon2Hash.Type.ARGON2ID, Argon2Hash.VERSION_13, 1024, 1, 1, 32);
        byte[] password = "secret123".getBytes(StandardCharsets.UTF_8);
        byte[] salt = params.salt().clone();

        LIBARGON2.compute(params, password);

        assertThat(password).isEqualTo("secret123".getBytes(StandardCharsets.UTF_8));
        assertThat(params.salt()).isEqualTo(salt);
    }

    @Test
    void aMissingLibraryIsReportedWithWhatToInstall() {
        assertThatThrownBy(() -> LibArgon2.load("libargon2-missing.so.1"))
                .isInstanceOf(LibArgon2.LibArgon2UnavailableException.class)
                .hasMessageContaining("libargon2-missing.so.1").hasMessageContaining("libargon2-1");
    }

    @Test
    void aLibraryWithoutArgon2IsRefused() {
        assertThatThrownBy(() -> LibArgon2.load("libc.so.6"))
                .isInstanceOf(LibArgon2.LibArgon2UnavailableException.class).hasMessageContaining("argon2_ctx");
    }

    private static Argon2Hash params(Argon2Hash.Type type, int version, int memoryKib, int iterations, int lanes,
            int hashLength) {
        byte[] salt = Base64.getDecoder().decode("c29tZXNhbHRzb21lc2FsdA"); // "somesaltsomesalt"
        return new Argon2Hash(type, version, memoryKib, iterations, lanes, salt, new byte[hashLength]);
    }
}
