package com.ecommerce.users.mail;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.ecommerce.users.audit.AuditEvent;
import com.ecommerce.users.audit.AuditLog;
import com.ecommerce.users.throttle.RateLimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * The one cap on mail to an address: at most {@link MailConfig#maxPerRecipientHour} mails an hour and
 * {@link MailConfig#maxPerRecipientDay} a day to one canonical address, whatever the mail and whoever asked for it
 * (a registration, an email change, a resend, a recovery request), counted in PostgreSQL by {@link RateLimit} (fixed
 * windows, shared by every replica; a mail held back is not counted). Every path that mails asks here before it
 * issues the mail's token, so a mail held back has none.
 *
 * <p>A mail held back is counted in {@code users_mail_held_back_total{kind}} and audited ({@code mail.held-back},
 * the kind as detail), without the address. The counters exist from start-up, at zero, for alerts.
 */
@Startup
@ApplicationScoped
public class RecipientCap {

    static final String HOUR = "mail-recipient-hour";
    static final String DAY = "mail-recipient-day";

    private final RateLimit rateLimit;
    private final AuditLog audit;
    private final List<RateLimit.Limit> limits;
    private final Map<MailKind, Counter> heldBack = new EnumMap<>(MailKind.class);

    RecipientCap(RateLimit rateLimit, AuditLog audit, MailConfig config, MeterRegistry metrics) {
        this.rateLimit = rateLimit;
        this.audit = audit;
        this.limits = List.of(new RateLimit.Limit(HOUR, config.maxPerRecipientHour(), Duration.ofHours(1)),
                new RateLimit.Limit(DAY, config.maxPerRecipientDay(), Duration.ofDays(1)));
        for (MailKind kind : MailKind.values()) {
            heldBack.put(kind, Counter.builder("users.mail.held.back")
                    .description("Mails not sent: their recipient address had reached its cap")
                    .tag("kind", kind.code).register(metrics));
        }
    }

    /**
     * Counts one mail of {@code kind} to the address {@code canonical} (an {@code EmailAddress} canonical form).
     * Empty: send it. Otherwise it is held back, counted and audited for {@code accountId} (null: none named) by
     * {@code actorId} (null: anonymous), and this is how long until the address may receive mail again.
     */
    public Optional<Duration> tryAcquire(MailKind kind, String canonical, Integer accountId, Integer actorId) {
        Optional<Duration> wait = rateLimit.tryAcquire(canonical, limits);
        if (wait.isPresent()) {
            heldBack.get(kind).increment();
            audit.record(AuditEvent.MAIL_HELD_BACK, accountId, actorId, kind.code);
        }
        return wait;
    }
}
