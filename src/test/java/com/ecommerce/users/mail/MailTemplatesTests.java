package com.ecommerce.users.mail;

import static com.ecommerce.users.support.Mailbox.RESET_SUBJECT;
import static com.ecommerce.users.support.Mailbox.awaitMail;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static com.ecommerce.users.verification.VerificationApi.requestRecovery;
import static com.ecommerce.users.verification.VerificationApi.uniqueClient;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.ecommerce.users.support.Mailbox;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Anybody can register with somebody else's address, so the display name is text an attacker chose, mailed to a
 * victim: neither mail carries it ("Hello https://evil.example/reset," read as a link, or as an instruction). What a
 * mail holds is the service's own: the greeting, the link under users.mail.link-base, its validity.
 */
@QuarkusTest
class MailTemplatesTests {

    private static final String LINK_BASE = "http://localhost:3000/";
    private static final Pattern URL = Pattern.compile("(?i)(?:https?:)?//[^\\s\"'<>]+|www\\.[^\\s\"'<>]+");
    private static final Pattern HREF = Pattern.compile("(?i)href=\"([^\"]*)\"");

    @ParameterizedTest
    @ValueSource(strings = { "https://evil.example/reset", "Call +1 555 0100 now, evil.example",
            "<a href=\"//evil.example\">Reset</a>", "<script>alert('x')</script>" })
    void neitherMailCarriesTheDisplayName(String name) {
        String email = uniqueEmail();
        register(name, email, PASSWORD).statusCode(201);
        assertOnlyOwnText(awaitMail(email, "Confirm your email address", 1));

        requestRecovery(email, uniqueClient()).statusCode(202);
        assertOnlyOwnText(awaitMail(email, RESET_SUBJECT, 1));
    }

    private static void assertOnlyOwnText(MimeMessage mail) {
        for (String part : List.of(Mailbox.text(mail), Mailbox.html(mail))) {
            assertThat(part).contains("Hello,").doesNotContainIgnoringCase("evil").doesNotContain("555")
                    .doesNotContain("<script").doesNotContain("<a href=\"//");
            Matcher url = URL.matcher(part);
            while (url.find()) {
                assertThat(url.group()).as("every link in the mail").startsWith(LINK_BASE);
            }
        }
        Matcher href = HREF.matcher(Mailbox.html(mail));
        assertThat(href.find()).isTrue();
        assertThat(href.group(1)).startsWith(LINK_BASE);
        assertThat(href.find()).as("one link").isFalse();
    }
}
