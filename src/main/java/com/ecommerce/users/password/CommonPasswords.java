package com.ecommerce.users.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jakarta.inject.Singleton;

import com.ibm.icu.text.Normalizer2;

import io.quarkus.runtime.Startup;

/**
 * The list of common passwords that new ones are screened against: {@code dictionaries/passwords.txt} of
 * {@code me.gosimple:nbvcxz} (MIT licence), the 100 000 most common passwords of public breach compilations, most
 * common first, which nbvcxz's strength estimator matches words against. Only that resource is read, at start-up,
 * into a sorted array of 64-bit fingerprints (about 750 KiB for its 96 520 distinct entries, against some 10 MB for a
 * set of strings); a lookup is one binary search (bench/password-screen).
 *
 * <p>Entries and candidates are compared in their NFKC case fold (UAX #44's NFKC_Casefold): {@code PASSWORD},
 * {@code Password} and fullwidth {@code ｐａｓｓｗｏｒｄ} are all {@code password}. The password itself is hashed as
 * typed ({@code @NewPassword} normalises nothing, as passlib did); the fold only widens what the screen refuses.
 */
@Startup // read at start-up, not on the first registration
@Singleton
public class CommonPasswords {

    /** The resource in nbvcxz's jar; also in quarkus.native.resources.includes. */
    static final String RESOURCE = "dictionaries/passwords.txt";
    private static final Normalizer2 FOLD = Normalizer2.getNFKCCasefoldInstance();

    private final long[] fingerprints;
    private final int entries;

    CommonPasswords() {
        this(RESOURCE);
    }

    CommonPasswords(String resource) {
        long[] read = new long[128 * 1024];
        int count = 0;
        try (InputStream in = CommonPasswords.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("The list of common passwords, " + resource
                        + ", is not on the class path (me.gosimple:nbvcxz)");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String entry = line.strip();
                if (entry.isEmpty()) {
                    continue;
                }
                if (count == read.length) {
                    read = Arrays.copyOf(read, read.length * 2);
                }
                read[count++] = fingerprint(entry);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.entries = count;
        long[] sorted = Arrays.copyOf(read, count);
        Arrays.sort(sorted);
        this.fingerprints = Arrays.copyOf(sorted, distinct(sorted));
    }

    /** Whether {@code password}, in its NFKC case fold, is on the list. */
    public boolean contains(String password) {
        return Arrays.binarySearch(fingerprints, fingerprint(password)) >= 0;
    }

    /** Lines read from the list. */
    public int entries() {
        return entries;
    }

    /** Distinct entries once folded: what the screen holds. */
    public int distinct() {
        return fingerprints.length;
    }

    /**
     * A 64-bit hash of the folded text: FNV-1a over its UTF-16 units, then MurmurHash3's finaliser to spread the
     * bits. Among 10^5 entries the chance that an unlisted password shares one is about 5 in 10^15, and a password
     * made to collide is merely refused. Written out rather than a truncated SHA-256: nothing here needs a
     * cryptographic hash, and a lookup then allocates no MessageDigest.
     */
    static long fingerprint(String text) {
        String folded = isAscii(text) ? text : FOLD.normalize(text);
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            // for ASCII the NFKC case fold is lower case; the fold of other text has none of 'A' to 'Z'
            hash ^= c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
            hash *= 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        return hash ^ (hash >>> 33);
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Moves the distinct values of a sorted array to its front; returns how many there are. */
    private static int distinct(long[] sorted) {
        int kept = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (kept == 0 || sorted[kept - 1] != sorted[i]) {
                sorted[kept++] = sorted[i];
            }
        }
        return kept;
    }
}
