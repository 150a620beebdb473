package com.ecommerce.users.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

/**
 * An SMTP server in the test JVM (GreenMail) for every Quarkus test, in-process or packaged: the service sends real
 * mail over SMTP, and tests read what arrived, by recipient. On a free port, plain SMTP (the production settings'
 * TLS is turned off for it).
 */
@WithTestResource(value = Mailbox.class, scope = TestResourceScope.GLOBAL)
public class Mailbox implements QuarkusTestResourceLifecycleManager {

    /** A token in a mail's link: 256 bits in base64url. */
    private static final Pattern TOKEN = Pattern.compile("[?&]token=([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static volatile GreenMail current;

    private GreenMail server;

    @Override
    public Map<String, String> start() {
        int port = freePort();
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        current = server;
        return settings(port);
    }

    /**
     * The same settings as environment variables, for a {@link PackagedApp} a test starts itself: its mail reaches
     * this server too.
     */
    public static Map<String, String> environment() {
        if (current == null) {
            throw new IllegalStateException("the Mailbox test resource did not start");
        }
        Map<String, String> environment = new HashMap<>();
        settings(current.getSmtp().getPort()).forEach((property, value) -> environment.put(
                property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value));
        return environment;
    }

    private static Map<String, String> settings(int port) {
        // a send that fails once (a pooled SMTP connection closed under it), or hangs, is retried within the tests'
        // wait (a reset mail never arrived once in CI, with neither success nor failure logged)
        return Map.of("quarkus.mailer.host", "127.0.0.1", "quarkus.mailer.port", String.valueOf(port),
                "quarkus.mailer.tls", "false", "quarkus.mailer.start-tls", "DISABLED", "quarkus.mailer.mock", "false",
                "users.mail.retry-backoff", "500ms", "users.mail.max-retry-backoff", "2s",
                "users.mail.attempt-timeout", "4s");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The mails {@code address} received so far. */
    public static List<MimeMessage> mailsTo(String address) {
        if (current == null) {
            throw new IllegalStateException("the Mailbox test resource did not start");
        }
        return Arrays.asList(current.getReceivedMessagesForDomain(address));
    }

    /** Waits for the {@code n}th mail (from 1) to {@code address}. */
    public static MimeMessage awaitMail(String address, int n) {
        return Awaitility.await("mail number " + n + " to " + address).atMost(WAIT).pollInterval(Duration.ofMillis(50))
                .until(() -> mailsTo(address), mails -> mails.size() >= n).get(n - 1);
    }

    /**
     * Waits for the {@code n}th mail to {@code address}, then checks that no other one follows within a second: a mail
     * the service decided to send starts on its way within the request that caused it, and arrives in milliseconds.
     */
    public static void awaitExactly(String address, int n) {
        awaitMail(address, n);
        Awaitility.await("the number of mails to " + address + ", " + n + " for a second").during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> mailsTo(address).size(), count -> count == n);
    }

    /** The subject of every password reset mail. */
    public static final String RESET_SUBJECT = "Reset your password";

    /**
     * Waits for the {@code n}th mail (from 1) to {@code address} with this subject: mails of different kinds are sent
     * independently (a registration's verification, a recovery's link) and may arrive in either order.
     */
    public static MimeMessage awaitMail(String address, String subject, int n) {
        return Awaitility.await("mail number " + n + " \"" + subject + "\" to " + address).atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> mailsTo(address).stream().filter(mail -> subject.equals(subject(mail))).toList(),
                        mails -> mails.size() >= n)
                .get(n - 1);
    }

    /** The token of the {@code n}th password reset mail (from 1) to {@code address}, once it arrived. */
    public static String awaitResetToken(String address, int n) {
        return token(awaitMail(address, RESET_SUBJECT, n));
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token of the link in the {@code n}th mail to {@code address}, once it arrived. */
    public static String awaitToken(String address, int n) {
        return token(awaitMail(address, n));
    }

    public static String token(MimeMessage mail) {
        Matcher link = TOKEN.matcher(text(mail));
        if (!link.find()) {
            throw new AssertionError("no token link in:\n" + text(mail));
        }
        return link.group(1);
    }

    /** The plain-text part, decoded. */
    public static String text(MimeMessage mail) {
        return part(mail, "text/plain");
    }

    /** The HTML part, decoded. */
    public static String html(MimeMessage mail) {
        return part(mail, "text/html");
    }

    private static String part(MimeMessage mail, String type) {
        try {
            Object content = mail.getContent();
            if (content instanceof String text) {
                return mail.isMimeType(type) ? text : "";
            }
            return find((Multipart) content, type);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(Multipart multipart, String type) throws MessagingException, IOException {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
            if (part.getContent() instanceof Multipart nested) {
                String found = find(nested, type);
                if (!found.isEmpty()) {
                    return found;
                }
            }
        }
        return "";
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
