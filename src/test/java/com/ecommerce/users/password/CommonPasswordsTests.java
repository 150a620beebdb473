package com.ecommerce.users.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The list as shipped by nbvcxz, and what counts as the same password. */
class CommonPasswordsTests {

    private static final CommonPasswords LIST = new CommonPasswords();

    @Test
    void theListHoldsTheHundredThousandEntriesOfNbvcxzsDictionary() {
        assertThat(LIST.entries()).isGreaterThanOrEqualTo(100_000);
        // the list spells some passwords in more than one case: folded, they are one entry
        assertThat(LIST.distinct()).isBetween(95_000, LIST.entries());
        assertThat(LIST.contains("123456")).isTrue();
        assertThat(LIST.contains("070162")).as("the list's last ranked entry").isTrue();
    }

    @Test
    void letterCaseAndCompatibilityFormsAreTheSamePassword() {
        for (String spelling : new String[] { "password1", "PASSWORD1", "PassWord1", "ｐａｓｓｗｏｒｄ１", "Ｐａｓｓｗｏｒｄ1" }) {
            assertThat(LIST.contains(spelling)).as(spelling).isTrue();
        }
        assertThat(LIST.contains("correct horse battery staple")).as("xkcd 936's example is on the list").isTrue();
    }

    @Test
    void otherPasswordsAreNot() {
        assertThat(LIST.contains("tangerine kayak spreadsheet")).isFalse();
        assertThat(LIST.contains("password1 ")).as("no trimming: a different password").isFalse();
        assertThat(LIST.contains("")).isFalse();
    }

    @Test
    void aMissingListStopsTheStartUp() {
        assertThatThrownBy(() -> new CommonPasswords("dictionaries/no-such-list.txt"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nbvcxz");
    }
}
