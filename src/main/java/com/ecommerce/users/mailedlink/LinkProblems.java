package com.ecommerce.users.mailedlink;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.ecommerce.users.platform.problem.ProblemResponses;

/** A mailed token that cannot be used: 400, with a type per reason, so the shop can offer to send a new one. */
public class LinkProblems {

    @ServerExceptionMapper
    public Response invalidToken(InvalidLinkException e, UriInfo uri) {
        return switch (e.reason()) {
            case USED -> ProblemResponses.of(400, "used-token", "Token already used",
                    "This link was used already; request a new one", uri).build();
            case EXPIRED -> ProblemResponses.of(400, "expired-token", "Token expired",
                    "This link has expired; request a new one", uri).build();
            case UNKNOWN -> ProblemResponses.of(400, "invalid-token", "Invalid token",
                    "This link is not valid (mistyped, or for an address the account no longer has); request a new one",
                    uri).build();
        };
    }
}
