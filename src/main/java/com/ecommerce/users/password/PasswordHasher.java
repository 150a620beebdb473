package com.ecommerce.users.password;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.elytron.security.common.BcryptUtil;

/**
 * Hashes and verifies passwords. New hashes are Argon2id PHC strings, byte-compatible with passlib and argon2-cffi
 * (the FastAPI app this service replaces), so hashes move freely between the two. {@link #verify} also accepts
 * Argon2i, any Argon2 parameters within {@code users.password.accepted.*}, and bcrypt ({@code $2a$}, {@code $2b$},
 * {@code $2y$}) for imported legacy accounts. Every computation goes through the {@link HashingLimiter}; Argon2 is
 * computed by the {@link Argon2Implementation} chosen at start-up.
 * <p>
 * Traced (when tracing is on, docs/operations.md): a span per hash and per verification, wait for a hashing slot
 * included, with the algorithm and its cost parameters as attributes; never the password, salt or hash.
 */
@ApplicationScoped
public class PasswordHasher {

    private static final String ALGORITHM = "password.algorithm";

    private final PasswordConfig.Argon2 current;
    private final PasswordConfig.Accepted accepted;
    private final HashingLimiter limiter;
    private final Argon2Implementation argon2;
    private final SecureRandom random = new SecureRandom();

    PasswordHasher(PasswordConfig config, HashingLimiter limiter, Argon2Implementation argon2) {
        this.current = config.argon2();
        this.accepted = config.accepted();
        this.limiter = limiter;
        this.argon2 = argon2;
    }

    /** A new Argon2id PHC string for {@code password} at the configured parameters, with a fresh random salt. */
    @WithSpan("password.hash")
    public String hash(String password) {
        byte[] salt = new byte[current.saltLength()];
        random.nextBytes(salt);
        Argon2Hash params = new Argon2Hash(Argon2Hash.Type.ARGON2ID, Argon2Hash.VERSION_13, current.memoryKib(),
                current.iterations(), current.parallelism(), salt, new byte[current.hashLength()]);
        describe(params);
        byte[] digest = compute(params, password);
        return new Argon2Hash(params.type(), params.version(), params.memoryKib(), params.iterations(),
                params.parallelism(), salt, digest).toString();
    }

    /**
     * Whether {@code password} matches {@code storedHash}, in time independent of where they differ.
     *
     * @throws InvalidPasswordHashException when the stored hash is of no supported format or beyond the accepted
     *         parameters; the account cannot log in until its password is reset
     */
    @WithSpan("password.verify")
    public boolean verify(String password, String storedHash) {
        if (storedHash == null) {
            throw new InvalidPasswordHashException("no password hash");
        }
        if (Argon2Hash.looksLikeArgon2(storedHash)) {
            Argon2Hash stored = Argon2Hash.parse(storedHash);
            describe(stored);
            checkAccepted(stored);
            return MessageDigest.isEqual(compute(stored, password), stored.hash());
        }
        if (isBcrypt(storedHash)) {
            int cost = bcryptCost(storedHash);
            Span.current().setAttribute(ALGORITHM, "bcrypt").setAttribute("password.bcrypt.cost", cost);
            checkAccepted(cost);
            // Elytron reads only $2a$; $2b$ and $2y$ name the same algorithm with implementation bugs of
            // other libraries fixed, so their hashes verify as $2a$.
            String normalized = "$2a$" + storedHash.substring(4);
            return limiter.call(() -> verifyBcrypt(password, normalized));
        }
        throw new InvalidPasswordHashException("unsupported password hash format");
    }

    /** Whether {@code storedHash} is weaker than what {@link #hash} writes today, and should be replaced. */
    public boolean needsRehash(String storedHash) {
        if (storedHash == null || !Argon2Hash.looksLikeArgon2(storedHash)) {
            return true;
        }
        try {
            Argon2Hash stored = Argon2Hash.parse(storedHash);
            return stored.type() != Argon2Hash.Type.ARGON2ID
                    || stored.version() != Argon2Hash.VERSION_13
                    || stored.memoryKib() < current.memoryKib()
                    || stored.iterations() < current.iterations()
                    || stored.salt().length < current.saltLength()
                    || stored.hash().length < current.hashLength();
        } catch (InvalidPasswordHashException e) {
            return true;
        }
    }

    private byte[] compute(Argon2Hash params, String password) {
        return limiter.call(() -> {
            byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
            try {
                return argon2.compute(params, bytes);
            } finally {
                Arrays.fill(bytes, (byte) 0);
            }
        });
    }

    /** The span's attributes: what the PHC string's header says, never its salt or digest. */
    private static void describe(Argon2Hash params) {
        Span.current().setAttribute(ALGORITHM, params.type().id)
                .setAttribute("password.argon2.memory_kib", params.memoryKib())
                .setAttribute("password.argon2.iterations", params.iterations())
                .setAttribute("password.argon2.parallelism", params.parallelism());
    }

    private void checkAccepted(Argon2Hash stored) {
        if (stored.memoryKib() > accepted.maxMemoryKib() || stored.iterations() > accepted.maxIterations()
                || stored.parallelism() > accepted.maxParallelism()) {
            throw new InvalidPasswordHashException("Argon2 parameters beyond users.password.accepted limits");
        }
    }

    private void checkAccepted(int bcryptCost) {
        if (bcryptCost > accepted.maxBcryptCost()) {
            throw new InvalidPasswordHashException("bcrypt cost beyond users.password.accepted limits");
        }
    }

    /** The two decimal digits after {@code $2a$}; Elytron would loop 2^cost times, whatever the digits say. */
    private static int bcryptCost(String hash) {
        char tens = hash.charAt(4);
        char units = hash.charAt(5);
        if (tens < '0' || tens > '9' || units < '0' || units > '9' || hash.charAt(6) != '$') {
            throw new InvalidPasswordHashException("malformed bcrypt hash");
        }
        return (tens - '0') * 10 + (units - '0');
    }

    private static boolean isBcrypt(String hash) {
        return hash.length() == 60 && (hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$"));
    }

    private static boolean verifyBcrypt(String password, String hash) {
        try {
            return BcryptUtil.matches(password, hash);
        } catch (RuntimeException e) {
            // Elytron rejects malformed salts or costs with runtime exceptions whose text may quote the hash
            throw new InvalidPasswordHashException("malformed bcrypt hash");
        }
    }
}
