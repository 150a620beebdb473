package com.ecommerce.users.recovery;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.ecommerce.users.account.UserRepository;
import com.ecommerce.users.audit.AuditEvent;
import com.ecommerce.users.audit.AuditLog;
import com.ecommerce.users.mail.AccountMail;
import com.ecommerce.users.mailedlink.LinkPurpose;
import com.ecommerce.users.mailedlink.MailedLinks;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The part of a recovery request that depends on whether an account has the address: the lookup, the token and the
 * mail, on a worker thread after the answer is on its way, so neither the answer nor its timing tells. The request
 * counted the mail towards the address's cap already. The audit line keeps the request's id and client address.
 */
@ApplicationScoped
class RecoveryMails {

    private static final Logger LOG = Logger.getLogger(RecoveryMails.class);

    private final UserRepository users;
    private final MailedLinks links;
    private final AccountMail mail;
    private final AuditLog audit;
    private final RecoveryConfig config;

    RecoveryMails(UserRepository users, MailedLinks links, AccountMail mail, AuditLog audit, RecoveryConfig config) {
        this.users = users;
        this.links = links;
        this.mail = mail;
        this.audit = audit;
        this.config = config;
    }

    /** Hands the work for the address {@code canonical} to a worker thread; returns at once. */
    void submit(String canonical) {
        String client = audit.currentClient();
        Object requestId = MDC.get("requestId");
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            if (requestId != null) {
                MDC.put("requestId", requestId);
            }
            try {
                run(canonical, client);
            } finally {
                MDC.remove("requestId");
            }
        });
    }

    @ActivateRequestContext // a context of its own for the persistence work of this background task
    void run(String canonical, String client) {
        try {
            Optional<Recipient> recipient = QuarkusTransaction.requiringNew().call(() -> users.findByEmail(canonical)
                    .map(user -> new Recipient(user.id, user.email,
                            links.issue(user.id, LinkPurpose.RESET_PASSWORD, user.email, config.tokenLifetime()))));
            recipient.ifPresent(r -> mail.sendPasswordReset(r.id(), r.email(), r.token(), config.tokenLifetime()));
            audit.recordFrom(client, AuditEvent.PASSWORD_RECOVERY_REQUESTED, recipient.map(Recipient::id).orElse(null),
                    null, null);
        } catch (RuntimeException e) {
            LOG.warnf("Could not handle a password recovery request (%s); it can be requested again", e.getClass().getName());
        }
    }

    private record Recipient(int id, String email, String token) {
        @Override
        public String toString() {
            return "Recipient[id=" + id + "]";
        }
    }
}
