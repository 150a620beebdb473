package com.ecommerce.users.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.ecommerce.users.account.InvalidEmailAddressException.Reason;

/** The address rules and the canonical form (docs/security.md, "Email addresses"), one spelling at a time. */
class EmailAddressTests {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            boss@example.com                  | boss@example.com
            Boss@Example.COM                  | boss@example.com
            '  boss@example.com '             | boss@example.com
            ｂｏｓｓ@ｅｘａｍｐｌｅ.ｃｏｍ     | boss@example.com
            boſs@example.com                  | boss@example.com
            boss＠example.com                 | boss@example.com
            BOSS@EXAMPLE.COM                  | boss@example.com
            o'brien+shop@example.co.uk        | o'brien+shop@example.co.uk
            ada@bücher.de                     | ada@xn--bcher-kva.de
            ada@BÜCHER.DE                     | ada@xn--bcher-kva.de
            ada@xn--bcher-kva.de              | ada@xn--bcher-kva.de
            ada@例え.jp                        | ada@xn--r8jz45g.jp
            """)
    void spellingsOfOneAddressShareItsCanonicalForm(String input, String canonical) {
        assertThat(EmailAddress.parse(input).canonical()).isEqualTo(canonical);
        assertThat(EmailAddress.lookupKey(input)).contains(new EmailAddress.Key(canonical, true));
    }

    @Test
    void theAddressKeepsItsLetterCaseAndMailGoesToTheAsciiDomain() {
        EmailAddress address = EmailAddress.parse(" Ada@Bücher.de ");
        assertThat(address.value()).isEqualTo("Ada@bücher.de");
        assertThat(address.mailbox()).isEqualTo("Ada@xn--bcher-kva.de");
        assertThat(address.canonical()).isEqualTo("ada@xn--bcher-kva.de");
        assertThat(EmailAddress.parse("Ada@Example.COM").value()).isEqualTo("Ada@Example.COM");
        assertThat(EmailAddress.parse("ｂｏｓｓ@example.com").value()).as("stored after NFKC: the mailer can send it")
                .isEqualTo("boss@example.com");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            \u200Bboss@example.com             | INVISIBLE
            boss@example.com\u200B             | INVISIBLE
            bo\u200Css@example.com             | INVISIBLE
            boss\u202E@example.com             | INVISIBLE
            boss@exa\u00ADmple.com             | INVISIBLE
            'bo ss@example.com'                | INVISIBLE
            boss@exa\u2028mple.com             | INVISIBLE
            bоss@example.com                   | LOCAL_PART
            bıll@example.com                   | LOCAL_PART
            vİctim@example.com                 | LOCAL_PART
            jörg@example.com                   | LOCAL_PART
            '"a,evil@x.test"@x.test'           | LOCAL_PART
            '"boss"@example.com'               | LOCAL_PART
            boss(comment)@example.com          | LOCAL_PART
            .boss@example.com                  | LOCAL_PART
            bo..ss@example.com                 | LOCAL_PART
            boss.@example.com                  | LOCAL_PART
            <boss@example.com>                 | LOCAL_PART
            boss@localhost                     | DOMAIN
            boss@example..com                  | DOMAIN
            boss@example.com.                  | DOMAIN
            boss@-example.com                  | DOMAIN
            boss@exa_mple.com                  | DOMAIN
            boss@[127.0.0.1]                   | DOMAIN
            boss@127.0.0.1                     | DOMAIN
            'boss@example.com,evil@x.test'     | LOCAL_PART
            boss@pаypal.com                    | CONFUSABLE
            boss@аррӏе.com                     | CONFUSABLE
            boss@xn--80ak6aa92e.com            | CONFUSABLE
            boss@bıll.com                      | CONFUSABLE
            boss                               | MALFORMED
            @example.com                       | MALFORMED
            boss@                              | MALFORMED
            """)
    void addressesOutsideTheRulesAreRefusedSayingWhy(String input, Reason reason) {
        assertThatThrownBy(() -> EmailAddress.parse(input)).isInstanceOf(InvalidEmailAddressException.class)
                .extracting(e -> ((InvalidEmailAddressException) e).reason()).isEqualTo(reason);
        assertThat(EmailAddress.isValid(input)).isFalse();
    }

    @Test
    void aControlCharacterAnywhereIsRefused() {
        for (String input : new String[] { "boss@example.com\u0000", "bo\u0007ss@example.com", "boss@exam\u007Fple.com" }) {
            assertThatThrownBy(() -> EmailAddress.parse(input))
                    .extracting(e -> ((InvalidEmailAddressException) e).reason()).isEqualTo(Reason.INVISIBLE);
        }
    }

    @Test
    void lengthsAreThoseSmtpCarries() {
        String local64 = "a".repeat(64);
        String domain = "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(60) + ".com"; // 192 characters
        assertThat(EmailAddress.isValid(local64 + "@example.com")).isTrue();
        assertThatThrownBy(() -> EmailAddress.parse("a" + local64 + "@example.com"))
                .extracting(e -> ((InvalidEmailAddressException) e).reason()).isEqualTo(Reason.LOCAL_PART);
        assertThat(EmailAddress.isValid("x".repeat(61) + "@" + domain)).as("254 characters").isTrue();
        assertThatThrownBy(() -> EmailAddress.parse("x".repeat(62) + "@" + domain))
                .extracting(e -> ((InvalidEmailAddressException) e).reason()).isEqualTo(Reason.TOO_LONG);
    }

    @Test
    void aCanonicalFormIsItsOwnCanonicalForm() {
        for (String input : new String[] { "Boss@Example.COM", "ｂｏｓｓ@example.com", "ada@BÜCHER.de", "o'Brien@x.test" }) {
            String canonical = EmailAddress.parse(input).canonical();
            assertThat(EmailAddress.parse(canonical).canonical()).isEqualTo(canonical);
            assertThat(canonical).as("plain ASCII: no database folding can disagree").matches("\\p{ASCII}+");
        }
    }

    @Test
    void aTurkishCapitalIDoesNotNameTheAccountOfItsLowerCaseLookAlike() {
        // PostgreSQL's lower() made vİctim victim; Java's toLowerCase made it vi̇ctim: the two disagreed
        Optional<EmailAddress.Key> key = EmailAddress.lookupKey("vİctim@example.com");
        assertThat(key).isPresent();
        assertThat(key.get().valid()).isFalse();
        assertThat(key.get().canonical()).isNotEqualTo("victim@example.com");
    }

    @Test
    void addressesAdoptedBeforeTheRulesKeepAKeyOfTheirOwnNoValidAddressShares() {
        // what the FastAPI app accepted: any string
        assertThat(EmailAddress.canonicalOf("Jörg@Example.com")).isEqualTo("jörg@example.com");
        assertThat(EmailAddress.lookupKey("JÖRG@example.com")).contains(new EmailAddress.Key("jörg@example.com", false));
        assertThat(EmailAddress.canonicalOf("ada@localhost")).isEqualTo("ada@localhost");
        assertThat(EmailAddress.canonicalOf(" Ada@Example.com ")).as("valid: its canonical form").isEqualTo("ada@example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "boss\u200B@example.com", "boss@example.com\u0000", "\u202Eboss@example.com" })
    void inputNoAccountCanHaveHasNoKeyAtAll(String input) {
        assertThat(EmailAddress.lookupKey(input)).isEmpty();
    }

    @Test
    void inputLongerThanAnyStoredAddressHasNoKey() {
        assertThat(EmailAddress.lookupKey("a".repeat(250) + "@x.example")).isEmpty();
        assertThat(EmailAddress.lookupKey(null)).isEmpty();
    }

    @Test
    void theAddressStaysOutOfToString() {
        assertThat(EmailAddress.parse("secret.person@example.com").toString()).doesNotContain("secret");
    }
}
