import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.util.Random;

import com.ecommerce.users.password.CommonPasswords;

/**
 * The common-password screen on its own (password.CommonPasswords, the service's class): how long the list takes to
 * load, what it holds on the heap, and lookups per second, one thread, after a warm-up, for listed passwords (a
 * sample of the list in other letter cases) and unlisted ones (random 16-character strings). Run by
 * bench/password-screen; no JMH: each measured block is long enough (a second) for the timer and the JIT to vanish.
 */
public class PasswordScreenBench {

    private static final int BLOCKS = 5;
    private static volatile long sink;

    public static void main(String[] args) throws ReflectiveOperationException {
        Constructor<CommonPasswords> constructor = CommonPasswords.class.getDeclaredConstructor();
        constructor.setAccessible(true);
        constructor.newInstance(); // class loading, ICU's data, JIT of the loader: not the list's own cost

        long heapBefore = usedHeap();
        long started = System.nanoTime();
        CommonPasswords list = constructor.newInstance();
        long loadMillis = (System.nanoTime() - started) / 1_000_000;
        long heapAfter = usedHeap();
        if (!list.contains("password")) { // and keeps the list reachable until measured
            throw new IllegalStateException("password should be listed");
        }
        System.out.printf("list: %d entries, %d distinct once folded; loaded in %d ms; %d KiB on the heap "
                + "(the fingerprints: %d KiB)%n", list.entries(), list.distinct(), loadMillis,
                (heapAfter - heapBefore) / 1024, (16 + 8L * list.distinct()) / 1024);

        String[] listed = { "Password1", "QWERTY123", "Iloveyou", "Sunshine", "Football", "Princess", "Baseball",
                "Trustno1", "Superman", "Whatever", "CorrectHorseBatteryStaple", "Dragon12" };
        String[] unlisted = new String[4096];
        Random random = new Random(42);
        for (int i = 0; i < unlisted.length; i++) {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < 16; c++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            unlisted[i] = text.toString();
        }
        for (String password : listed) {
            if (!list.contains(password)) {
                throw new IllegalStateException(password + " should be listed");
            }
        }
        measure("listed", list, listed);
        measure("unlisted", list, unlisted);
    }

    private static void measure(String name, CommonPasswords list, String[] passwords) {
        run(list, passwords, 1_000_000_000L); // warm-up, one second
        double best = 0;
        for (int block = 0; block < BLOCKS; block++) {
            best = Math.max(best, run(list, passwords, 1_000_000_000L));
        }
        System.out.printf("%-9s %,12.0f lookups/s (best of %d one-second blocks), %.2f µs each%n", name, best, BLOCKS,
                1e6 / best);
    }

    /** Lookups per second over about {@code nanos}. */
    private static double run(CommonPasswords list, String[] passwords, long nanos) {
        long started = System.nanoTime();
        long count = 0;
        long hits = 0;
        while (System.nanoTime() - started < nanos) {
            for (int i = 0; i < 1024; i++) {
                hits += list.contains(passwords[(int) (count++ % passwords.length)]) ? 1 : 0;
            }
        }
        sink = hits;
        return count * 1e9 / (System.nanoTime() - started);
    }

    /** After full collections: the serial collector (bench/password-screen) runs one before System.gc returns. */
    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
