package com.ecommerce.users.mail;

import static com.ecommerce.users.support.Mailbox.RESET_SUBJECT;
import static com.ecommerce.users.support.Mailbox.awaitMail;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static com.ecommerce.users.verification.VerificationApi.requestRecovery;
import static com.ecommerce.users.verification.VerificationApi.uniqueClient;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Mailbox;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A display name is the one text of a mail that its account chose, and anybody can register with somebody else's
 * address: in the HTML part of both mails it is escaped (Qute escapes the values of .html templates), so a name
 * with markup reaches the inbox as text, not as a script or a link. The text part carries it as it is.
 */
@QuarkusTest
class MailTemplatesTests {

    /** 42 characters: a display name has at most 50. */
    private static final String MARKUP = "<b>\"Ada\"</b> & <script>alert('x')</script>";
    private static final String ESCAPED = "&lt;b&gt;&quot;Ada&quot;&lt;/b&gt; &amp; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;";

    @Test
    void aNameWithMarkupIsEscapedInTheHtmlOfBothMails() {
        String email = uniqueEmail();
        register(MARKUP, email, PASSWORD).statusCode(201);
        assertEscaped(awaitMail(email, "Confirm your email address", 1));

        requestRecovery(email, uniqueClient()).statusCode(202);
        assertEscaped(awaitMail(email, RESET_SUBJECT, 1));
    }

    private static void assertEscaped(MimeMessage mail) {
        assertThat(Mailbox.html(mail)).contains("Hello " + ESCAPED + ",").doesNotContain("<script").doesNotContain("<b>");
        assertThat(Mailbox.text(mail)).contains("Hello " + MARKUP + ",");
    }
}
