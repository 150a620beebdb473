package com.ecommerce.users.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Argon2HashTests {

    private static final String SEED = "$argon2id$v=19$m=102400,t=2,p=8$C4Gw9t77v9fau5eS8t47hw$ZclQNzXhVYLIGdRasf1pFw";

    @Test
    void parsesAndFormatsCanonically() {
        Argon2Hash hash = Argon2Hash.parse(SEED);

        assertThat(hash.version()).isEqualTo(Argon2Hash.VERSION_13);
        assertThat(hash.iterations()).isEqualTo(2);
        assertThat(hash.toString()).isEqualTo(SEED);
    }

    @Test
    void readsTheVersionlessFormOfArgon2OneDotZero() {
        Argon2Hash hash = Argon2Hash.parse("$argon2i$m=4096,t=3,p=1$c29tZXNhbHQ$iWh06vD8Fy27wf9npn6FXWiCX4K6pW6Ue1Bnzz07Z8A");
        assertThat(hash.version()).isEqualTo(Argon2Hash.VERSION_10);
        assertThat(hash.toString()).startsWith("$argon2i$v=16$m=4096,t=3,p=1$");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "$argon2id$v=19$m=102400,t=2$C4Gw9t77v9fau5eS8t47hw$ZclQNzXhVYLIGdRasf1pFw",
            "$argon2id$v=19$t=2,m=102400,p=8$C4Gw9t77v9fau5eS8t47hw$ZclQNzXhVYLIGdRasf1pFw",
            "$argon2id$v=18$m=102400,t=2,p=8$C4Gw9t77v9fau5eS8t47hw$ZclQNzXhVYLIGdRasf1pFw",
            "$argon2id$v=19$m=0102400,t=2,p=8$C4Gw9t77v9fau5eS8t47hw$ZclQNzXhVYLIGdRasf1pFw",
            "$argon2id$v=19$m=-1,t=2,p=8$C4Gw9t77v9fau5eS8t47hw$ZclQNzXhVYLIGdRasf1pFw",
            "$argon2id$v=19$m=99999999999,t=2,p=8$C4Gw9t77v9fau5eS8t47hw$ZclQNzXhVYLIGdRasf1pFw",
            "$argon2id$v=19$m=102400,t=0,p=8$C4Gw9t77v9fau5eS8t47hw$ZclQNzXhVYLIGdRasf1pFw",
            "$argon2id$v=19$m=102400,t=2,p=0$C4Gw9t77v9fau5eS8t47hw$ZclQNzXhVYLIGdRasf1pFw",
            "$argon2id$v=19$m=8,t=2,p=8$C4Gw9t77v9fau5eS8t47hw$ZclQNzXhVYLIGdRasf1pFw",
            "$argon2id$v=19$m=102400,t=2,p=8$C4Gw9t77v9fau5eS8t47hw==$ZclQNzXhVYLIGdRasf1pFw",
            "$argon2id$v=19$m=102400,t=2,p=8$C4Gw9t77v9fau5eS8t47hx$ZclQNzXhVYLIGdRasf1pFw",
            "$argon2id$v=19$m=102400,t=2,p=8$c2FsdA$ZclQNzXhVYLIGdRasf1pFw",
            "$argon2id$v=19$m=102400,t=2,p=8$C4Gw9t77v9fau5eS8t47hw$Zc",
            "$argon2id$v=19$m=102400,t=2,p=8$C4Gw9t77v9fau5eS8t47hw$ZclQNzXhVYLIGdRasf1pFw$",
            "$argon2id$v=19$m=102400,t=2,p=8,keyid=x$C4Gw9t77v9fau5eS8t47hw$ZclQNzXhVYLIGdRasf1pFw",
            "$argon2d$v=19$m=102400,t=2,p=8$C4Gw9t77v9fau5eS8t47hw$ZclQNzXhVYLIGdRasf1pFw",
            "argon2id$v=19$m=102400,t=2,p=8$C4Gw9t77v9fau5eS8t47hw$ZclQNzXhVYLIGdRasf1pFw",
            "" })
    void rejectsEverythingButTheCanonicalForm(String phc) {
        assertThatThrownBy(() -> Argon2Hash.parse(phc)).isInstanceOf(InvalidPasswordHashException.class);
    }

    @Test
    void rejectsAbsurdLengthsWithoutReadingThem() {
        assertThatThrownBy(() -> Argon2Hash.parse("$argon2id$v=19$m=19456,t=2,p=1$" + "A".repeat(100_000) + "$AAAA"))
                .isInstanceOf(InvalidPasswordHashException.class);
    }
}
