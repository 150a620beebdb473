package com.ecommerce.users.platform.problem;

import java.io.IOException;

/**
 * A request body found larger than {@code quarkus.http.limits.max-body-size} while it was read (a body that announced
 * no length): answered 413 by {@link HttpProblems}. An IOException, as it surfaces from the stream the body is read
 * from; a type of its own, as a failed read (a broken connection) is an IOException too.
 */
public class ContentTooLargeException extends IOException {

    private final long limit;

    public ContentTooLargeException(long limit) {
        super("The request body is larger than " + limit + " bytes", null);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // a client's doing, answered and never logged: no trace to record
    }
}
