package com.ecommerce.users.introspection;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.ecommerce.users.platform.crypto.SecretTokens;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

/**
 * The clients that may introspect tokens, and the check of their HTTP Basic credentials (RFC 6749, section 2.3.1:
 * id and secret form-urlencoded, then base64). Only the SHA-256 of each secret is kept, and the presented secret's
 * digest is compared with {@link MessageDigest#isEqual} (constant time): equal-length digests, so neither the
 * comparison's time nor the secret's length tells how much of a guess was right. An unknown id is compared with a
 * digest too, so it costs the same. Hand-written: Quarkus' Basic authentication would authenticate users of the whole
 * API, not clients of one endpoint.
 */
@Startup // a malformed USERS_INTROSPECTION_CLIENTS fails start-up
@ApplicationScoped
public class IntrospectionClients {

    /** Enough to make guessing hopeless; shorter secrets are refused at start-up. */
    static final int MIN_SECRET_LENGTH = 16;
    private static final String BASIC = "Basic ";
    private static final Logger LOG = Logger.getLogger(IntrospectionClients.class);
    private static final byte[] NO_CLIENT = SecretTokens.hash(SecretTokens.generate());

    private final Map<String, byte[]> secretDigests;
    private final Counter refused;

    IntrospectionClients(IntrospectionConfig config, MeterRegistry metrics) {
        this.secretDigests = parse(config.clients().orElse(""));
        LOG.infof("Token introspection: %d client(s)", secretDigests.size());
        this.refused = TokenIntrospection.requests(metrics, "unauthorized");
    }

    /** @throws ClientAuthenticationException unless {@code authorization} is Basic credentials of a client */
    public String authenticate(String authorization) {
        try {
            return client(authorization);
        } catch (ClientAuthenticationException e) {
            refused.increment();
            throw e;
        }
    }

    private String client(String authorization) {
        if (authorization == null || authorization.length() <= BASIC.length()
                || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            throw new ClientAuthenticationException();
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ClientAuthenticationException();
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            throw new ClientAuthenticationException();
        }
        String id;
        String secret;
        try {
            id = URLDecoder.decode(credentials.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(credentials.substring(colon + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ClientAuthenticationException();
        }
        byte[] expected = secretDigests.getOrDefault(id, NO_CLIENT);
        boolean matches = MessageDigest.isEqual(SecretTokens.hash(secret), expected);
        if (!matches || expected == NO_CLIENT) {
            throw new ClientAuthenticationException();
        }
        return id;
    }

    /** The error names the entry by position and never shows a secret. */
    static Map<String, byte[]> parse(String clients) {
        Map<String, byte[]> digests = new HashMap<>();
        if (clients.isBlank()) {
            return digests;
        }
        String[] entries = clients.split(",", -1);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            int colon = entry.indexOf(':');
            String problem = null;
            if (colon <= 0) {
                problem = "is not id:secret";
            } else if (entry.length() - colon - 1 < MIN_SECRET_LENGTH) {
                problem = "has a secret shorter than " + MIN_SECRET_LENGTH + " characters";
            } else if (digests.containsKey(entry.substring(0, colon))) {
                problem = "repeats the client id " + entry.substring(0, colon);
            }
            if (problem != null) {
                throw new IllegalStateException("users.introspection.clients (USERS_INTROSPECTION_CLIENTS): entry "
                        + (i + 1) + " " + problem + "; expected id:secret pairs separated by commas");
            }
            digests.put(entry.substring(0, colon), SecretTokens.hash(entry.substring(colon + 1)));
        }
        return Map.copyOf(digests);
    }
}
