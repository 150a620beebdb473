package com.ecommerce.users.mail;

import static com.ecommerce.users.support.Mailbox.awaitResetToken;
import static com.ecommerce.users.support.Mailbox.awaitMail;
import static com.ecommerce.users.user.UserApi.PASSWORD;
import static com.ecommerce.users.user.UserApi.login;
import static com.ecommerce.users.user.UserApi.register;
import static com.ecommerce.users.user.UserApi.token;
import static com.ecommerce.users.user.UserApi.uniqueEmail;
import static com.ecommerce.users.verification.VerificationApi.requestRecovery;
import static com.ecommerce.users.verification.VerificationApi.reset;
import static com.ecommerce.users.verification.VerificationApi.uniqueClient;
import static com.ecommerce.users.verification.VerificationApi.verify;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.ecommerce.users.support.Mailbox;
import com.ecommerce.users.support.ProductionAuth;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged application, in its production profile, sends real mail over SMTP to the test's server (support/Mailbox,
 * GreenMail); each flow is completed with the token read from the message.
 */
@QuarkusIntegrationTest
@WithTestResource(ProductionAuth.class)
class MailFlowsIT {

    @Test
    void registrationMailsALinkThatVerifiesTheAddress() throws Exception {
        String email = uniqueEmail();
        register("Ada Packaged", email, PASSWORD).statusCode(201).body("emailVerified", equalTo(false));

        MimeMessage mail = awaitMail(email, 1);
        assertThat(mail.getSubject()).isEqualTo("Confirm your email address");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("no-reply@shop.example.com");
        assertThat(Mailbox.html(mail)).contains("Hello,").doesNotContain("Ada Packaged");
        String token = Mailbox.token(mail);

        verify(token).statusCode(204);
        verify(token).statusCode(400).body("type", equalTo("urn:problem:user-service:used-token"));
        given().auth().oauth2(token(email, PASSWORD)).get("/users/me").then().statusCode(200)
                .body("emailVerified", equalTo(true));
    }

    @Test
    void recoveryMailsALinkThatSetsANewPassword() {
        String email = uniqueEmail();
        register("Forgetful Packaged", email, PASSWORD).statusCode(201);
        String oldToken = token(email, PASSWORD);

        requestRecovery(email, uniqueClient()).statusCode(202);
        reset(awaitResetToken(email, 1), "the new packaged passphrase").statusCode(204);

        login(email, PASSWORD).statusCode(401);
        given().auth().oauth2(oldToken).get("/users/me").then().statusCode(401);
        login(email, "the new packaged passphrase").statusCode(200);
    }
}
