package com.ecommerce.users.audit;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.ecommerce.users.platform.http.ClientAddress;
import com.ecommerce.users.platform.problem.InvalidRequestException;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * One log line per security-relevant action, in the {@code audit} category: in production's JSON logs its fields
 * (event, accountId, actorId, client, detail) sit in the {@code mdc} object next to the request's {@code requestId}, so
 * a log pipeline can route and index them. Only ids, addresses and event names go in: never a password, a hash, a
 * token or an email address.
 *
 * <p>The client address is the request's (as throttling counts it, {@link ClientAddress}) when the action happens
 * inside one, so the use cases need not carry it; outside a request (a scheduled job) it is absent.
 */
@ApplicationScoped
public class AuditLog {

    /** The log category: operators route it (and may keep it longer) by this name. */
    public static final String CATEGORY = "audit";
    private static final Logger LOG = Logger.getLogger(CATEGORY);
    private static final String[] FIELDS = {"event", "accountId", "actorId", "client", "detail"};

    private final ClientAddress clients;
    private final Instance<CurrentVertxRequest> requests;

    AuditLog(ClientAddress clients, Instance<CurrentVertxRequest> requests) {
        this.clients = clients;
        this.requests = requests;
    }

    /** An action on account {@code accountId} (null when no account matched) by {@code actorId} (null: anonymous). */
    public void record(AuditEvent event, Integer accountId, Integer actorId) {
        record(event, accountId, actorId, null);
    }

    /** As {@link #record(AuditEvent, Integer, Integer)}, with a short fixed-vocabulary {@code detail} (e.g. "user->admin"). */
    public void record(AuditEvent event, Integer accountId, Integer actorId, String detail) {
        recordFrom(currentClient(), event, accountId, actorId, detail);
    }

    /**
     * For work that goes on after its request (a background task): {@code client} as {@link #currentClient()} read
     * it while the request was current.
     */
    public void recordFrom(String client, AuditEvent event, Integer accountId, Integer actorId, String detail) {
        Map<String, Object> previous = MDC.getMap();
        try {
            MDC.put("event", event.code);
            put("accountId", accountId);
            put("actorId", actorId);
            put("client", client);
            put("detail", detail);
            LOG.infof("%s account=%s actor=%s client=%s%s", event.code, orDash(accountId), orDash(actorId),
                    orDash(client), detail == null ? "" : " " + detail);
        } finally {
            for (String field : FIELDS) {
                Object before = previous.get(field);
                if (before == null) {
                    MDC.remove(field);
                } else {
                    MDC.put(field, before);
                }
            }
        }
    }

    private static void put(String field, Object value) {
        if (value != null) {
            MDC.put(field, value.toString());
        } else {
            MDC.remove(field);
        }
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }

    /** The current request's client address; null outside a request, or when the request's is unusable. */
    public String currentClient() {
        if (!Arc.container().requestContext().isActive() || !requests.isResolvable()) {
            return null;
        }
        RoutingContext current = requests.get().getCurrent();
        if (current == null) {
            return null;
        }
        try {
            return clients.of(current.request());
        } catch (InvalidRequestException e) {
            return null; // the request itself is refused for it; the event is still worth a line
        }
    }
}
