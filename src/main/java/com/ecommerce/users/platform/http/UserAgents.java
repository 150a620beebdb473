package com.ecommerce.users.platform.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/** The User-Agent a session list shows: cut to what the column holds, control characters dropped. */
public final class UserAgents {

    static final int MAX_LENGTH = 255;

    private UserAgents() {
    }

    /** The request's User-Agent fit for storage and display; null when it sent none. */
    public static String of(HttpServerRequest request) {
        String agent = request.getHeader(HttpHeaders.USER_AGENT);
        if (agent == null) {
            return null;
        }
        String printable = agent.replaceAll("\\p{Cc}", "").strip();
        if (printable.isEmpty()) {
            return null;
        }
        if (printable.length() <= MAX_LENGTH) {
            return printable;
        }
        int end = Character.isHighSurrogate(printable.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
        return printable.substring(0, end); // never half a surrogate pair
    }
}
