package com.ecommerce.users.account;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UCharacterCategory;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.IDNA;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * An email address as this service accepts it, and its one canonical form: the key of the unique index, of every
 * lookup, of the login throttle and the rate limits, and the token's {@code upn}. Computed here and only here, in
 * Java, and stored ({@code users.email_canonical}): the database compares it, never folds it (docs/security.md,
 * "Email addresses").
 *
 * <p>The rules, in order:
 * <ol>
 * <li>Surrounding white space is removed; a control, format (zero-width, bidirectional), private-use, unassigned or
 * default-ignorable code point, or white space inside, refuses the address: nothing invisible tells two
 * addresses apart.</li>
 * <li>Unicode NFKC (UAX #15): fullwidth letters, {@code ſ}, ligatures and the like become the letters they stand
 * for, so they name the same account, not a look-alike one.</li>
 * <li>The local part is an RFC 5322 dot-atom of ASCII: the mailer (Vert.x' SMTP client) does not speak SMTPUTF8
 * (RFC 6531), so it could never deliver to anything else; quoted strings and comments, which it parses differently
 * ({@code "a,b"@x} is two recipients to it), are refused too. At most 64 characters (RFC 5321 4.5.3.1.1).</li>
 * <li>The domain is a host name of at least two labels, checked and converted by IDNA (UTS #46, non-transitional,
 * STD3 rules, bidi and context rules). A label in another script must pass ICU's {@link SpoofChecker} (UTS #39:
 * one script, or a recommended mix such as Japanese; no mixed digit systems), and must not be confusable with an
 * ASCII label (its skeleton must not be ASCII: {@code аррӏе} in Cyrillic is refused, {@code bücher} is not).</li>
 * <li>The canonical form is the local part in ASCII lower case and the domain's ASCII (A-label) form, also lower
 * case: both sides of every comparison are plain ASCII, so no case folding of PostgreSQL's or Java's can disagree.</li>
 * </ol>
 *
 * @param value the address as the account gave it (after NFKC; domain as typed, or in its Unicode form when it
 *        has non-ASCII labels): what the API shows
 * @param canonical the key that decides identity
 * @param mailbox where mail goes: the local part as given, the domain in its ASCII form
 */
public record EmailAddress(String value, String canonical, String mailbox) {

    /** RFC 5321 4.5.3.1.3: a path is at most 256 octets, its angle brackets included. */
    public static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;

    // RFC 5322 3.2.3 atext, dot-separated
    private static final Pattern DOT_ATOM = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern ALL_DIGITS = Pattern.compile("[0-9]+");

    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final IDNA IDNA_UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.NONTRANSITIONAL_TO_UNICODE | IDNA.USE_STD3_RULES | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ
            | IDNA.CHECK_CONTEXTO);
    private static final SpoofChecker SCRIPTS = new SpoofChecker.Builder()
            .setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
            .setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.MIXED_NUMBERS | SpoofChecker.INVISIBLE)
            .build();
    private static final SpoofChecker SKELETONS = new SpoofChecker.Builder().build();

    /**
     * The address {@code input} names, by the rules above.
     *
     * @throws InvalidEmailAddressException saying which rule it breaks
     */
    public static EmailAddress parse(String input) {
        if (input == null) {
            throw new InvalidEmailAddressException(InvalidEmailAddressException.Reason.MALFORMED);
        }
        String text = NFKC.normalize(requireVisible(input.strip()));
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new InvalidEmailAddressException(InvalidEmailAddressException.Reason.MALFORMED);
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        if (local.length() > MAX_LOCAL_LENGTH || !DOT_ATOM.matcher(local).matches()) {
            throw new InvalidEmailAddressException(InvalidEmailAddressException.Reason.LOCAL_PART);
        }
        String asciiDomain = asciiDomain(domain);
        String value = local + "@" + (isAscii(domain) ? domain : IDNA_UTS46.nameToUnicode(domain, new StringBuilder(),
                new IDNA.Info()));
        String mailbox = local + "@" + asciiDomain;
        if (value.length() > MAX_LENGTH || mailbox.length() > MAX_LENGTH) {
            throw new InvalidEmailAddressException(InvalidEmailAddressException.Reason.TOO_LONG);
        }
        return new EmailAddress(value, local.toLowerCase(Locale.ROOT) + "@" + asciiDomain, mailbox);
    }

    /** Whether {@code input} is an address by the rules above. */
    public static boolean isValid(String input) {
        try {
            parse(input);
            return true;
        } catch (InvalidEmailAddressException e) {
            return false;
        }
    }

    /**
     * The canonical key to look {@code input} up by, as a login or a recovery request types it. An address that
     * passes the rules: its canonical form. Otherwise, if it could still be an address adopted from the FastAPI
     * app's table before these rules ({@link #adoptedKey}), that key: such accounts keep logging in. Empty for input
     * no account can have (invisible or control characters, over 255 characters): it is looked up nowhere and
     * counted nowhere.
     */
    public static Optional<Key> lookupKey(String input) {
        if (input == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Key(parse(input).canonical(), true));
        } catch (InvalidEmailAddressException e) {
            String stripped = input.strip();
            if (stripped.isEmpty() || stripped.length() > 255 || !visible(stripped)) {
                return Optional.empty();
            }
            return Optional.of(new Key(adoptedKey(stripped), false));
        }
    }

    /** A lookup key, and whether it came from an address that passes today's rules. */
    public record Key(String canonical, boolean valid) {
    }

    /**
     * The canonical key of an address stored before these rules that does not pass them (the FastAPI app took any
     * string): its NFKC case fold (UAX #44's NFKC_Casefold). Never equal to the canonical form of a valid address,
     * which is lower-case ASCII and passes the rules, where this one's source does not. The migration that
     * introduced the canonical column (db.migration.V8) stored it for such rows.
     */
    public static String adoptedKey(String stored) {
        return NFKC_CASEFOLD.normalize(stored.strip());
    }

    /** The canonical key of an address as stored: its canonical form if it passes the rules, else its adopted key. */
    public static String canonicalOf(String stored) {
        try {
            return parse(stored).canonical();
        } catch (InvalidEmailAddressException e) {
            return adoptedKey(stored);
        }
    }

    private static String asciiDomain(String domain) {
        IDNA.Info info = new IDNA.Info();
        String ascii = IDNA_UTS46.nameToASCII(domain, new StringBuilder(), info).toString();
        if (info.hasErrors() || ascii.length() > 253) {
            throw new InvalidEmailAddressException(InvalidEmailAddressException.Reason.DOMAIN);
        }
        String[] labels = ascii.split("\\.", -1);
        if (labels.length < 2 || Arrays.stream(labels).anyMatch(String::isEmpty)
                || ALL_DIGITS.matcher(labels[labels.length - 1]).matches()) {
            throw new InvalidEmailAddressException(InvalidEmailAddressException.Reason.DOMAIN);
        }
        String unicode = IDNA_UTS46.nameToUnicode(ascii, new StringBuilder(), new IDNA.Info()).toString();
        for (String label : unicode.split("\\.")) {
            if (!isAscii(label) && (SCRIPTS.failsChecks(label) || isAscii(SKELETONS.getSkeleton(label)))) {
                throw new InvalidEmailAddressException(InvalidEmailAddressException.Reason.CONFUSABLE);
            }
        }
        return ascii;
    }

    private static String requireVisible(String text) {
        if (!visible(text)) {
            throw new InvalidEmailAddressException(InvalidEmailAddressException.Reason.INVISIBLE);
        }
        return text;
    }

    /** No control, format, private-use, unassigned, surrogate, separator or default-ignorable code point. */
    private static boolean visible(String text) {
        for (int i = 0; i < text.length();) {
            int cp = text.codePointAt(i);
            int type = UCharacter.getType(cp);
            if (type == UCharacterCategory.CONTROL || type == UCharacterCategory.FORMAT
                    || type == UCharacterCategory.PRIVATE_USE || type == UCharacterCategory.UNASSIGNED
                    || type == UCharacterCategory.SURROGATE || type == UCharacterCategory.SPACE_SEPARATOR
                    || type == UCharacterCategory.LINE_SEPARATOR || type == UCharacterCategory.PARAGRAPH_SEPARATOR
                    || UCharacter.isWhitespace(cp) || UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    /** Nothing of the address: it is personal data, and stays out of logs. */
    @Override
    public String toString() {
        return "EmailAddress[...]";
    }
}
