package com.ecommerce.users.platform.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.ecommerce.users.platform.problem.ContentTooLargeException;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * Request bodies are read up to {@code quarkus.http.limits.max-body-size} and no further: one byte more is a
 * {@link ContentTooLargeException} (413, problem.HttpProblems). This is the limit of a body that announces no length
 * (chunked); a declared Content-Length over it is refused before the body is read ({@link OversizedBodyFilter}), and
 * form bodies are bounded by {@link StrictFormBodies}, which reads them before Quarkus REST does.
 */
@Provider
public class BoundedBodies implements ReaderInterceptor {

    private final long maxBodySize;

    BoundedBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodySize = maxBodySize.asLongValue();
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Bounded(context.getInputStream(), maxBodySize));
        return context.proceed();
    }

    /** Passes bytes through, counting them; fails the read that would go past the limit. */
    static final class Bounded extends FilterInputStream {

        private final long limit;
        private long read;

        Bounded(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false; // a reset would count bytes twice
        }

        private void count(long n) throws ContentTooLargeException {
            read += n;
            if (read > limit) {
                throw new ContentTooLargeException(limit);
            }
        }
    }
}
