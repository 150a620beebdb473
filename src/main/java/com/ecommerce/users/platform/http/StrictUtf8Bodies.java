package com.ecommerce.users.platform.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.MalformedInputException;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;

/**
 * Request bodies must be well-formed UTF-8 (RFC 8259, section 8.1; RFC 3629). Jackson decodes some ill-formed
 * sequences anyway, such as the overlong {@code C0 AF} as {@code /}, the classic way past a byte-level filter; here
 * every such body is refused (a 400, see problem.JsonProblems) before a character of it is used.
 */
@Provider
public class StrictUtf8Bodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new Utf8Checking(context.getInputStream()));
        return context.proceed();
    }

    /** Passes bytes through unchanged, checking them against RFC 3629's table of well-formed sequences. */
    static final class Utf8Checking extends FilterInputStream {

        /** Continuation bytes still due in the current sequence, and the range the next one must fall in. */
        private int due;
        private int low = 0x80;
        private int high = 0xBF;

        Utf8Checking(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                end();
            } else {
                check(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                end();
            }
            for (int i = 0; i < n; i++) {
                check(buffer[offset + i] & 0xFF);
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            return false; // a reset would replay bytes into the middle of a sequence
        }

        private void check(int b) throws MalformedInputException {
            if (due > 0) {
                if (b < low || b > high) {
                    throw new MalformedInputException(1);
                }
                due--;
                low = 0x80;
                high = 0xBF;
            } else if (b >= 0x80) {
                if (b >= 0xC2 && b <= 0xDF) {
                    due = 1;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    due = 2;
                    low = b == 0xE0 ? 0xA0 : 0x80; // no overlong forms
                    high = b == 0xED ? 0x9F : 0xBF; // no surrogates
                } else if (b >= 0xF0 && b <= 0xF4) {
                    due = 3;
                    low = b == 0xF0 ? 0x90 : 0x80; // no overlong forms
                    high = b == 0xF4 ? 0x8F : 0xBF; // nothing beyond U+10FFFF
                } else {
                    throw new MalformedInputException(1); // C0, C1, F5 to FF, or a stray continuation byte
                }
            }
        }

        private void end() throws MalformedInputException {
            if (due > 0) {
                throw new MalformedInputException(1); // the body ends inside a sequence
            }
        }
    }
}
