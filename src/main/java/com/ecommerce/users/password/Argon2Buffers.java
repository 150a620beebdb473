package com.ecommerce.users.password;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The memory libargon2 hashes in (its {@code allocate_cbk} and {@code free_cbk}, see {@link LibArgon2}), kept for the
 * next hash: freshly allocated memory is faulted in page by page, which on gVisor costs more CPU than the hash itself
 * (bench/hash-cost), and glibc returns large blocks to the system as soon as they are freed.
 *
 * <p>Each buffer has an {@link Arena#ofShared() arena} of its own, so that any thread can free it by closing that.
 * At most {@code maxIdle} buffers stay idle (the hashing limiter's concurrency: more never run at once), none larger
 * than {@code maxIdleBytes} (the memory cost of the hashes this service writes): larger ones belong to adopted hashes
 * that are upgraded on their first login, so keeping them would hold memory for nothing. Called twice a hash, on
 * hashes tens of milliseconds long: one lock is cheap enough.
 */
public final class Argon2Buffers {

    /** libargon2 works in 1 KiB blocks. */
    private static final long BLOCK = 1024;
    /** A cache line: libargon2's blocks are read and written 64 bytes at a time. */
    private static final long ALIGNMENT = 64;

    private record Buffer(Arena arena, MemorySegment segment) {
    }

    private final int maxIdle;
    private final long maxIdleBytes;
    private final List<Buffer> idle = new ArrayList<>();
    private final Map<Long, Buffer> lent = new HashMap<>();

    public Argon2Buffers(int maxIdle, long maxIdleBytes) {
        this.maxIdle = maxIdle;
        this.maxIdleBytes = maxIdleBytes;
    }

    /** As many as may hash at once, of the size of the hashes this service writes. */
    static Argon2Buffers of(PasswordConfig config) {
        return new Argon2Buffers(HashingLimiter.maxConcurrency(config),
                bytes(config.argon2().memoryKib(), config.argon2().parallelism()));
    }

    /**
     * The memory libargon2 asks for at memory cost {@code memoryKib} and {@code lanes} lanes: at least 8 blocks a lane,
     * rounded down to a multiple of that (argon2_ctx, "Align memory size").
     */
    public static long bytes(int memoryKib, int lanes) {
        long quantum = 8L * lanes;
        long blocks = Math.max(memoryKib, quantum) / quantum * quantum;
        return blocks * BLOCK;
    }

    /**
     * An idle buffer of at least {@code bytes}, the smallest that fits, else a new one (which the arena zeroes: that
     * faults its pages in, as libargon2's first pass would).
     *
     * @throws OutOfMemoryError when there is no native memory for a new one
     */
    public MemorySegment take(long bytes) {
        Buffer buffer = null;
        synchronized (this) {
            int best = -1;
            for (int i = 0; i < idle.size(); i++) {
                long size = idle.get(i).segment().byteSize();
                if (size >= bytes && (best < 0 || size < idle.get(best).segment().byteSize())) {
                    best = i;
                }
            }
            if (best >= 0) {
                buffer = idle.remove(best);
                lent.put(buffer.segment().address(), buffer);
                return buffer.segment();
            }
        }
        Arena arena = Arena.ofShared();
        try {
            buffer = new Buffer(arena, arena.allocate(bytes, ALIGNMENT));
        } catch (RuntimeException | Error e) {
            arena.close();
            throw e;
        }
        synchronized (this) {
            lent.put(buffer.segment().address(), buffer);
        }
        return buffer.segment();
    }

    /** Takes back the buffer at {@code address}: kept idle within the limits, freed otherwise. */
    public void give(long address) {
        Buffer buffer;
        synchronized (this) {
            buffer = lent.remove(address);
            if (buffer == null) {
                throw new IllegalArgumentException("no buffer lent at 0x" + Long.toHexString(address));
            }
            if (idle.size() < maxIdle && buffer.segment().byteSize() <= maxIdleBytes) {
                idle.add(buffer);
                return;
            }
        }
        buffer.arena().close(); // outside the lock: closing a shared arena waits for a handshake with all threads
    }

    /** Frees the buffer at {@code address} without keeping it: libargon2 failed and left it unwiped. */
    void discard(long address) {
        Buffer buffer;
        synchronized (this) {
            buffer = lent.remove(address);
        }
        if (buffer != null) {
            buffer.arena().close();
        }
    }

    synchronized List<Long> idleAddresses() {
        return idle.stream().map(b -> b.segment().address()).toList();
    }

    synchronized int lentCount() {
        return lent.size();
    }
}
