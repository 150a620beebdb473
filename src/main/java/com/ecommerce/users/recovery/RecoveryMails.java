package com.ecommerce.users.recovery;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.ecommerce.users.audit.AuditEvent;
import com.ecommerce.users.audit.AuditLog;
import com.ecommerce.users.mail.AccountMail;
import com.ecommerce.users.token.AccountTokens;
import com.ecommerce.users.token.TokenPurpose;
import com.ecommerce.users.user.UserRepository;

import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.ext.web.RoutingContext;

/**
 * The part of a recovery request that depends on whether an account has the address: the lookup, the token and the
 * mail, on a worker thread after the answer is on its way, so neither the answer nor its timing tells. The audit line
 * keeps the request's id and client address.
 */
@ApplicationScoped
class RecoveryMails {

    private static final Logger LOG = Logger.getLogger(RecoveryMails.class);

    private final UserRepository users;
    private final AccountTokens tokens;
    private final AccountMail mail;
    private final AuditLog audit;
    private final RecoveryConfig config;
    private final Instance<CurrentVertxRequest> requests;

    RecoveryMails(UserRepository users, AccountTokens tokens, AccountMail mail, AuditLog audit, RecoveryConfig config,
            Instance<CurrentVertxRequest> requests) {
        this.users = users;
        this.tokens = tokens;
        this.mail = mail;
        this.audit = audit;
        this.config = config;
        this.requests = requests;
    }

    /** Hands the work for {@code email} to a worker thread; returns at once. */
    void submit(String email) {
        RoutingContext origin = Arc.container().requestContext().isActive() && requests.isResolvable()
                ? requests.get().getCurrent()
                : null;
        Object requestId = MDC.get("requestId");
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            if (requestId != null) {
                MDC.put("requestId", requestId);
            }
            try {
                run(email, origin);
            } finally {
                MDC.remove("requestId");
            }
        });
    }

    @ActivateRequestContext
    void run(String email, RoutingContext origin) {
        if (origin != null) {
            requests.get().setCurrent(origin); // the audit line's client address
        }
        try {
            Optional<Recipient> recipient = QuarkusTransaction.requiringNew().call(() -> users.findByEmail(email)
                    .map(user -> new Recipient(user.id, user.name, user.email,
                            tokens.issue(user.id, TokenPurpose.RESET_PASSWORD, user.email, config.tokenLifetime()))));
            recipient.ifPresent(r -> mail.sendPasswordReset(r.id(), r.name(), r.email(), r.token(), config.tokenLifetime()));
            audit.record(AuditEvent.PASSWORD_RECOVERY_REQUESTED, recipient.map(Recipient::id).orElse(null), null);
        } catch (RuntimeException e) {
            LOG.warnf("Could not handle a password recovery request (%s); it can be requested again", e.getClass().getName());
        }
    }

    private record Recipient(int id, String name, String email, String token) {
        @Override
        public String toString() {
            return "Recipient[id=" + id + "]";
        }
    }
}
