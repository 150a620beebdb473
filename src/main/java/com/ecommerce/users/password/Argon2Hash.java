package com.ecommerce.users.password;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An Argon2 hash in the PHC string format written by argon2-cffi and passlib:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, salt and hash in standard base64 without padding.
 * The version field may be absent (argon2 1.0, version 16), as the reference implementation allows.
 *
 * <p>{@link #parse} accepts only the canonical form, so {@code parse(s).toString()} gives {@code s} back (with
 * {@code v=16} added where it was absent), and throws {@link InvalidPasswordHashException} for anything else,
 * never another exception.
 */
public record Argon2Hash(Type type, int version, int memoryKib, int iterations, int parallelism,
        byte[] salt, byte[] hash) {

    public static final int VERSION_10 = 0x10;
    public static final int VERSION_13 = 0x13;

    /** Longer than anything the users.password column (varchar 255) can hold. */
    private static final int MAX_LENGTH = 512;
    private static final int MIN_SALT = 8;
    private static final int MIN_HASH = 4;
    private static final int MAX_BYTES = 1024;
    /** Argon2's own ceiling for the number of lanes. */
    private static final int MAX_PARALLELISM = (1 << 24) - 1;

    public enum Type {
        ARGON2I("argon2i"),
        ARGON2ID("argon2id");

        final String id;

        Type(String id) {
            this.id = id;
        }
    }

    public Argon2Hash {
        Objects.requireNonNull(type);
        if (version != VERSION_10 && version != VERSION_13) {
            throw new InvalidPasswordHashException("unsupported Argon2 version");
        }
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new InvalidPasswordHashException("Argon2 parallelism out of range");
        }
        if (iterations < 1) {
            throw new InvalidPasswordHashException("Argon2 iterations out of range");
        }
        if (memoryKib < 8 * parallelism) {
            throw new InvalidPasswordHashException("Argon2 memory below 8 KiB per lane");
        }
        if (salt.length < MIN_SALT || salt.length > MAX_BYTES) {
            throw new InvalidPasswordHashException("Argon2 salt length out of range");
        }
        if (hash.length < MIN_HASH || hash.length > MAX_BYTES) {
            throw new InvalidPasswordHashException("Argon2 hash length out of range");
        }
    }

    public static boolean looksLikeArgon2(String phc) {
        return phc.startsWith("$argon2i$") || phc.startsWith("$argon2id$");
    }

    public static Argon2Hash parse(String phc) {
        if (phc == null || phc.length() > MAX_LENGTH) {
            throw new InvalidPasswordHashException("not an Argon2 PHC string");
        }
        String[] parts = phc.split("\\$", -1);
        // "", type, [v=N], m=..,t=..,p=.., salt, hash
        if ((parts.length != 5 && parts.length != 6) || !parts[0].isEmpty()) {
            throw new InvalidPasswordHashException("not an Argon2 PHC string");
        }
        Type type = switch (parts[1]) {
            case "argon2i" -> Type.ARGON2I;
            case "argon2id" -> Type.ARGON2ID;
            default -> throw new InvalidPasswordHashException("not an Argon2i or Argon2id hash");
        };
        int i = 2;
        int version = VERSION_10;
        if (parts.length == 6) {
            version = field(parts[i++], "v=");
        }
        String[] params = parts[i++].split(",", -1);
        if (params.length != 3) {
            throw new InvalidPasswordHashException("Argon2 parameters must be m, t and p");
        }
        int memory = field(params[0], "m=");
        int iterations = field(params[1], "t=");
        int parallelism = field(params[2], "p=");
        byte[] salt = base64(parts[i++]);
        byte[] hash = base64(parts[i]);
        return new Argon2Hash(type, version, memory, iterations, parallelism, salt, hash);
    }

    /** The PHC string, always with its version field. */
    @Override
    public String toString() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$" + type.id + "$v=" + version + "$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Argon2Hash other && type == other.type && version == other.version
                && memoryKib == other.memoryKib && iterations == other.iterations && parallelism == other.parallelism
                && Arrays.equals(salt, other.salt) && Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, version, memoryKib, iterations, parallelism, Arrays.hashCode(salt),
                Arrays.hashCode(hash));
    }

    /** A decimal field such as {@code m=19456}: digits only, no sign, no leading zero, within int range. */
    private static int field(String text, String prefix) {
        if (!text.startsWith(prefix)) {
            throw new InvalidPasswordHashException("expected Argon2 field " + prefix);
        }
        String digits = text.substring(prefix.length());
        if (digits.isEmpty() || digits.length() > 10 || (digits.length() > 1 && digits.charAt(0) == '0')) {
            throw new InvalidPasswordHashException("invalid number in Argon2 field " + prefix);
        }
        long value = 0;
        for (int k = 0; k < digits.length(); k++) {
            char c = digits.charAt(k);
            if (c < '0' || c > '9') {
                throw new InvalidPasswordHashException("invalid number in Argon2 field " + prefix);
            }
            value = value * 10 + (c - '0');
        }
        if (value > Integer.MAX_VALUE) {
            throw new InvalidPasswordHashException("number too large in Argon2 field " + prefix);
        }
        return (int) value;
    }

    /** Standard base64 without padding, in canonical form (unused trailing bits zero). */
    private static byte[] base64(String text) {
        if (text.isEmpty() || text.length() % 4 == 1) {
            throw new InvalidPasswordHashException("invalid base64 in Argon2 hash");
        }
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/';
            if (!ok) {
                throw new InvalidPasswordHashException("invalid base64 in Argon2 hash");
            }
        }
        byte[] bytes = Base64.getDecoder().decode(text);
        if (!Base64.getEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
            throw new InvalidPasswordHashException("non-canonical base64 in Argon2 hash");
        }
        return bytes;
    }
}
