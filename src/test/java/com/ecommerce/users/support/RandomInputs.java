package com.ecommerce.users.support;

import java.util.SplittableRandom;

/**
 * Seeded generators for property tests: many generated inputs per property, the same ones on every run (the seed
 * is fixed, so a failure reproduces), biased towards the characters parsers care about.
 */
public final class RandomInputs {

    private static final String INTERESTING = "$=,:+/-_0123456789aAzZ \t\n\u0000\u00e9\u20ac\ud83d\udd11idargon2v19mtp";

    private final SplittableRandom random;

    public RandomInputs(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    public long anyLong() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextLong(-1000, 1000);
            case 2 -> Integer.MAX_VALUE + random.nextLong(-3, 4);
            default -> random.nextLong(0, Integer.MAX_VALUE + 1L);
        };
    }

    /** A decimal number of {@code length} digits, without a leading zero. */
    public String digits(int length) {
        StringBuilder digits = new StringBuilder().append((char) ('1' + random.nextInt(9)));
        while (digits.length() < length) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    public byte[] bytes(int min, int max) {
        byte[] bytes = new byte[between(min, max)];
        random.nextBytes(bytes);
        return bytes;
    }

    public char anyChar() {
        return random.nextInt(3) == 0 ? (char) random.nextInt(Character.MAX_VALUE + 1)
                : INTERESTING.charAt(random.nextInt(INTERESTING.length()));
    }

    public String text(int maxLength) {
        int length = between(0, maxLength);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(anyChar());
        }
        return text.toString();
    }

    public <T> T oneOf(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
