package com.ecommerce.users.jwt;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;

/**
 * The issuer: the tokens' {@code iss} and the service's public base URL, which the discovery document publishes and
 * from which its endpoint URLs derive, so that the two cannot differ. Gateways and OAuth libraries fetch
 * {@code <issuer>/.well-known/openid-configuration} and trust the keys it names only over https (RFC 8414, section 2):
 * production refuses to start without an https issuer; dev and test mode accept http.
 */
@Startup
@ApplicationScoped
public class Issuer {

    static final String PROPERTY = "users.jwt.issuer";

    private final String value;

    @Inject
    Issuer(JwtConfig config) {
        this(config.issuer(), LaunchMode.current() == LaunchMode.NORMAL);
    }

    Issuer(Optional<String> configured, boolean production) {
        this.value = checked(configured.map(String::strip).orElse(""), production);
    }

    /** The issuer exactly as tokens carry it. */
    public String value() {
        return value;
    }

    /** An endpoint of this service, by its absolute path ("/auth/introspect"), as the outside reaches it. */
    public String endpoint(String path) {
        return value + path;
    }

    /**
     * An absolute URL without query, fragment or trailing slash (its endpoints are appended to it); https in
     * production. The error is one line naming the property and what it must be.
     */
    static String checked(String issuer, boolean production) {
        String scheme = production ? "https" : "http or https";
        String expected = PROPERTY + " (USERS_JWT_ISSUER) must be the service's public " + scheme
                + " URL without query, fragment or trailing slash, e.g. https://users.example.com; it is '" + issuer + "'";
        URI uri;
        try {
            uri = new URI(issuer);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(expected);
        }
        boolean https = "https".equals(uri.getScheme());
        boolean schemeAllowed = https || (!production && "http".equals(uri.getScheme()));
        if (!schemeAllowed || uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null || issuer.endsWith("/")) {
            throw new IllegalStateException(expected);
        }
        return issuer;
    }
}
