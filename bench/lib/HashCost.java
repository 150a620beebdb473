import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.ecommerce.users.password.Argon2Hash;
import com.ecommerce.users.password.Argon2Implementation;
import com.ecommerce.users.password.BouncyCastleArgon2;
import com.ecommerce.users.password.Argon2Buffers;
import com.ecommerce.users.password.LibArgon2;

/**
 * The cost of one Argon2id hash, computed by the service's own classes (LibArgon2, BouncyCastleArgon2) after a
 * warm-up, one hash at a time: CPU time of the whole process per hash (libargon2's lane threads, JIT and GC
 * included, as the service pays them) and wall time. Run by bench/hash-cost and bench/run:
 *
 *   java --enable-native-access=ALL-UNNAMED -cp app.jar:bcprov.jar bench/lib/HashCost.java            (the table)
 *   java ... bench/lib/HashCost.java cpu-seconds          (one number: the service's default implementation, params)
 */
public class HashCost {

    record Params(String name, int memoryKib, int iterations, int parallelism, int hashLength, int rounds) {
    }

    /** rounds: hashes per block of measurement. */
    static final Params DEFAULTS = new Params("default m=19456,t=2,p=1", 19456, 2, 1, 32, 20);
    static final Params FASTAPI = new Params("FastAPI m=102400,t=2,p=8", 102400, 2, 8, 16, 5);

    public static void main(String[] args) {
        int cores = Runtime.getRuntime().availableProcessors();
        List<Argon2Implementation> implementations = new ArrayList<>();
        try {
            // buffers kept up to the larger parameters: a service configured with either reuses its hash memory
            // (Argon2Buffers keeps buffers up to users.password.argon2.memory-kib)
            implementations.add(LibArgon2.load(LibArgon2.DEFAULT_LIBRARY,
                    new Argon2Buffers(cores, Argon2Buffers.bytes(102400, 8))));
        } catch (LibArgon2.LibArgon2UnavailableException e) {
            System.err.println("libargon2 missing: " + e.getMessage());
        }
        implementations.add(new BouncyCastleArgon2());
        if (args.length > 0 && args[0].equals("cpu-seconds")) { // what the service runs: auto's choice, defaults
            measure(implementations.getFirst(), DEFAULTS); // warm-up
            System.out.printf("%.6f%n", measure(implementations.getFirst(), DEFAULTS)[0] / 1000);
            return;
        }
        System.out.printf("%-14s %-26s %12s %12s %12s %22s%n", "implementation", "parameters", "CPU ms/hash",
                "wall ms p50", "wall ms max", "limit hashes/s");
        for (Params params : List.of(DEFAULTS, FASTAPI)) {
            for (Argon2Implementation implementation : implementations) {
                measure(implementation, params); // warm-up: the service runs JIT-compiled code
            }
            // in alternating blocks, so that other load on the machine hits every implementation alike
            List<List<double[]>> samples = new ArrayList<>();
            implementations.forEach(i -> samples.add(new ArrayList<>()));
            for (int block = 0; block < BLOCKS; block++) {
                for (int k = 0; k < implementations.size(); k++) {
                    samples.get(k).add(measure(implementations.get(k), params));
                }
            }
            for (int k = 0; k < implementations.size(); k++) {
                double[] r = combine(samples.get(k));
                System.out.printf("%-14s %-26s %12.1f %12.1f %12.1f %22s%n", implementations.get(k).name(),
                        params.name(), r[0], r[1], r[2], String.format("%.1f (%d cores)", cores * 1000 / r[0], cores));
            }
        }
    }

    /** Measured blocks per implementation and parameters (HASH_COST_BLOCKS; bench/run takes fewer, for its time budget). */
    static final int BLOCKS = Integer.parseInt(System.getenv().getOrDefault("HASH_COST_BLOCKS", "4"));

    /** Mean CPU ms, wall p50 (median of the blocks' medians) and max over the blocks. */
    static double[] combine(List<double[]> blocks) {
        double cpu = blocks.stream().mapToDouble(b -> b[0]).average().orElseThrow();
        double[] p50 = blocks.stream().mapToDouble(b -> b[1]).sorted().toArray();
        double max = blocks.stream().mapToDouble(b -> b[2]).max().orElseThrow();
        return new double[] { cpu, (p50[(p50.length - 1) / 2] + p50[p50.length / 2]) / 2, max };
    }

    /** CPU ms per hash, wall ms p50 and max, over params.rounds hashes. */
    static double[] measure(Argon2Implementation implementation, Params p) {
        Argon2Hash params = new Argon2Hash(Argon2Hash.Type.ARGON2ID, Argon2Hash.VERSION_13, p.memoryKib(),
                p.iterations(), p.parallelism(), new byte[16], new byte[p.hashLength()]);
        byte[] password = "bench password 1".getBytes(StandardCharsets.UTF_8);
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] wall = new double[p.rounds()];
        long cpuStart = os.getProcessCpuTime();
        for (int i = 0; i < p.rounds(); i++) {
            long start = System.nanoTime();
            implementation.compute(params, password);
            wall[i] = (System.nanoTime() - start) / 1e6;
        }
        double cpu = (os.getProcessCpuTime() - cpuStart) / 1e6 / p.rounds();
        Arrays.sort(wall);
        return new double[] { cpu, wall[wall.length / 2], wall[wall.length - 1] };
    }
}
