package com.ecommerce.users.support;

import java.util.SplittableRandom;

/**
 * Seeded generators for property tests: many generated inputs per property, the same ones on every run (the seed
 * is fixed, so a failure reproduces), biased towards the characters parsers care about.
 */
public final class RandomInputs {

    private static final String INTERESTING = "$=,:+/-_0123456789aAzZ \t\n\u0000\u00e9\u20ac\ud83d\udd11idargon2v19mtp";

    /** Decimal digits of scripts that Character.digit and Integer.valueOf accept as well as ASCII's. */
    private static final String[] DIGIT_SETS = { "0123456789",
            "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669", // Arabic-Indic
            "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9", // Extended Arabic-Indic
            "\u0966\u0967\u0968\u0969\u096a\u096b\u096c\u096d\u096e\u096f", // Devanagari
            "\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19" }; // fullwidth
    /** What may stick to a number: signs, zeros, whitespace of several kinds (tab, no-break, figure, ideographic). */
    private static final String[] AFFIXES = { "", "", "", "+", "-", "0", "000", " ", "\t", "\u00a0", "\u2007", "\u3000",
            "\"", ",", "W/", "x", ".0", "e3", "L" };

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

    /** {@code length} digits, mostly ASCII, sometimes of another script or a mix, sometimes with a leading zero. */
    public String anyDigits(int length) {
        String ascii = DIGIT_SETS[0];
        String script = random.nextInt(3) == 0 ? oneOf(DIGIT_SETS) : ascii;
        boolean mixed = random.nextInt(8) == 0;
        StringBuilder digits = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            String set = mixed && random.nextBoolean() ? oneOf(DIGIT_SETS) : script;
            digits.append(set.charAt(i == 0 && random.nextInt(4) != 0 ? 1 + random.nextInt(9) : random.nextInt(10)));
        }
        return digits.toString();
    }

    /** A number of {@code length} digits as a client might mangle it: signs, zeros, whitespace, quotes, commas. */
    public String numberLike(int length) {
        return oneOf(AFFIXES) + anyDigits(length) + oneOf(AFFIXES);
    }

    /** The same number in another disguise: a sign, leading zeros, another script's digits, whitespace around it. */
    public String disguised(int number) {
        String text = Integer.toString(number);
        return switch (random.nextInt(6)) {
            case 0 -> "+" + text;
            case 1 -> "0".repeat(between(1, 5)) + text;
            case 2 -> oneOf(new String[] { " ", "\t", "\u00a0" }) + text;
            case 3 -> text + oneOf(new String[] { " ", "\t", "\u00a0" });
            default -> {
                String set = DIGIT_SETS[between(1, DIGIT_SETS.length - 1)];
                StringBuilder digits = new StringBuilder();
                for (char c : text.toCharArray()) {
                    digits.append(random.nextInt(4) == 0 ? c : set.charAt(c - '0')); // at least partly non-ASCII
                }
                if (digits.toString().equals(text)) {
                    digits.setCharAt(0, set.charAt(text.charAt(0) - '0'));
                }
                yield digits.toString();
            }
        };
    }

    public boolean chance(int oneIn) {
        return random.nextInt(oneIn) == 0;
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
