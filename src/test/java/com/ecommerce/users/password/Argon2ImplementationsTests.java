package com.ecommerce.users.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.password.Argon2Implementations.Choice;

/** The start-up choice of users.password.implementation, with libargon2 installed (as .ci/run makes sure). */
class Argon2ImplementationsTests {

    private static final String MISSING = "libargon2-missing.so.1";

    @Test
    void autoTakesLibargon2WhereItLoads() {
        PasswordTestSupport.libargon2(); // fails with what to install where it is missing
        PasswordConfig config = PasswordTestSupport.config(Map.of());

        Choice choice = Argon2Implementations.choose(config);

        assertThat(config.implementation()).isEqualTo(PasswordConfig.Implementation.AUTO);
        assertThat(choice.implementation()).isInstanceOf(LibArgon2.class);
        assertThat(choice.implementation().name()).isEqualTo("libargon2");
    }

    @Test
    void autoFallsBackToBouncyCastleWhereTheLibraryIsMissing() {
        PasswordConfig config = PasswordTestSupport.config(Map.of("users.password.libargon2-library", MISSING));

        Choice choice = Argon2Implementations.choose(config);

        assertThat(choice.implementation()).isInstanceOf(BouncyCastleArgon2.class);
        assertThat(choice.implementation().name()).isEqualTo("bouncy-castle");
        assertThat(choice.reason()).startsWith("fallback").contains(MISSING);
    }

    @Test
    void bouncyCastleCanBeForcedWhereLibargon2IsInstalled() {
        PasswordConfig config = PasswordTestSupport.config(Map.of("users.password.implementation", "bouncy-castle"));

        Choice choice = Argon2Implementations.choose(config);

        assertThat(choice.implementation()).isInstanceOf(BouncyCastleArgon2.class);
    }

    /** Asked for by name, a missing libargon2 is a deployment error: the start-up stops instead of running slower. */
    @Test
    void aForcedLibargon2ThatIsMissingStopsTheStartUp() {
        PasswordConfig config = PasswordTestSupport.config(Map.of("users.password.implementation", "libargon2",
                "users.password.libargon2-library", MISSING));

        assertThatThrownBy(() -> Argon2Implementations.choose(config))
                .isInstanceOf(LibArgon2.LibArgon2UnavailableException.class).hasMessageContaining(MISSING);
    }

    /** What the fallback writes, the libargon2 side reads: a hasher built on either serves the same accounts. */
    @Test
    void theFallbackHasherWritesHashesLibargon2Verifies() {
        PasswordHasher fallback = PasswordTestSupport.hasher(Map.of("users.password.libargon2-library", MISSING));
        PasswordHasher libargon2 = PasswordTestSupport.hasher(Map.of());

        String hash = fallback.hash("correct horse battery staple");

        assertThat(libargon2.verify("correct horse battery staple", hash)).isTrue();
        assertThat(libargon2.verify("correct horse battery stapl", hash)).isFalse();
    }
}
