import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * CPU seconds of one Argon2id hash at the service's defaults (users.password.argon2.*), computed as the service does
 * (Bouncy Castle's lightweight API), after a JIT warm-up. Run by bench/run: java -cp bcprov.jar HashCost.java
 */
public class HashCost {
    public static void main(String[] args) {
        int memoryKib = Integer.parseInt(args.length > 0 ? args[0] : "19456");
        int iterations = Integer.parseInt(args.length > 1 ? args[1] : "2");
        int parallelism = Integer.parseInt(args.length > 2 ? args[2] : "1");
        byte[] password = "bench password 1".getBytes(StandardCharsets.UTF_8);
        byte[] salt = new byte[16];
        byte[] out = new byte[32];
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKib).withIterations(iterations)
                .withParallelism(parallelism).withSalt(salt).build();
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 60; i++) { // warm-up: the service runs JIT-compiled code
            hash(params, password, out);
        }
        int n = 60;
        long start = cpu.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            hash(params, password, out);
        }
        System.out.printf("%.6f%n", (cpu.getCurrentThreadCpuTime() - start) / 1e9 / n);
    }

    private static void hash(Argon2Parameters params, byte[] password, byte[] out) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        generator.generateBytes(password, out);
    }
}
