package com.ecommerce.users.mail;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.config.MeterFilter;

/**
 * No meters of the mail client. Quarkus registers the Vert.x mail client's connection meters ({@code mail_*}: open
 * connections, their duration, bytes written and read); only an address that has an account gets a mail, so after a
 * recovery request they told anybody who could read /q/metrics whether an account has the address, which the answer
 * itself never tells (docs/security.md, "Email verification and password recovery"). What operators need about mail
 * is in the logs (failed sends, docs/operations.md) and in {@code users_mail_held_back_total}.
 */
public class MailClientMeters {

    /** Quarkus names the mail client's meters after its metrics name, "mail". */
    static final String PREFIX = "mail.";

    @Produces
    @Singleton
    MeterFilter noMailClientMeters() {
        return MeterFilter.denyNameStartsWith(PREFIX);
    }
}
