package com.ecommerce.users.password;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

/** The pool libargon2's memory comes from: reused, bounded in count and size, one buffer per hash in progress. */
class Argon2BuffersTests {

    private static final BouncyCastleArgon2 BOUNCY_CASTLE = new BouncyCastleArgon2();

    @Test
    void twoHashesInARowHashInTheSameBuffer() {
        Argon2Buffers buffers = new Argon2Buffers(4, Argon2Buffers.bytes(8192, 1));
        LibArgon2 libargon2 = LibArgon2.load(LibArgon2.DEFAULT_LIBRARY, buffers);
        Argon2Hash params = params(8192, 1);
        byte[] password = "secret123".getBytes(StandardCharsets.UTF_8);

        byte[] first = libargon2.compute(params, password);
        List<Long> afterFirst = buffers.idleAddresses();
        byte[] second = libargon2.compute(params, password);

        assertThat(afterFirst).hasSize(1);
        assertThat(buffers.idleAddresses()).isEqualTo(afterFirst);
        assertThat(second).isEqualTo(first).isEqualTo(BOUNCY_CASTLE.compute(params, password));
        assertThat(buffers.lentCount()).isZero();
    }

    @Test
    void theSmallestIdleBufferThatFitsIsTaken() {
        Argon2Buffers buffers = new Argon2Buffers(4, 1 << 20);
        MemorySegment large = buffers.take(64 << 10);
        MemorySegment small = buffers.take(16 << 10);
        buffers.give(large.address());
        buffers.give(small.address());

        assertThat(buffers.take(8 << 10).address()).isEqualTo(small.address());
        assertThat(buffers.take(32 << 10).address()).isEqualTo(large.address());
    }

    @Test
    void atMostMaxIdleBuffersAreKept() {
        Argon2Buffers buffers = new Argon2Buffers(2, 1 << 20);
        List<MemorySegment> taken = List.of(buffers.take(4096), buffers.take(4096), buffers.take(4096));
        taken.forEach(segment -> buffers.give(segment.address()));

        assertThat(taken.stream().map(MemorySegment::address).distinct()).hasSize(3);
        assertThat(buffers.idleAddresses()).hasSize(2);
        assertThat(buffers.lentCount()).isZero();
    }

    /** An adopted hash with more memory than the service's own is upgraded at that login: its buffer is not kept. */
    @Test
    void aBufferLargerThanTheConfiguredMemoryCostIsFreedAfterItsHash() {
        Argon2Buffers buffers = new Argon2Buffers(4, Argon2Buffers.bytes(4096, 1));
        LibArgon2 libargon2 = LibArgon2.load(LibArgon2.DEFAULT_LIBRARY, buffers);
        byte[] password = "secret123".getBytes(StandardCharsets.UTF_8);

        libargon2.compute(params(8192, 2), password);
        assertThat(buffers.idleAddresses()).isEmpty();

        libargon2.compute(params(4096, 1), password);
        assertThat(buffers.idleAddresses()).hasSize(1);
    }

    /** Shared blocks would corrupt each other's state: the hashes would not agree with Bouncy Castle's. */
    @Test
    void concurrentHashesEachHaveABufferOfTheirOwn() throws Exception {
        int threads = 4;
        Argon2Buffers buffers = new Argon2Buffers(threads, Argon2Buffers.bytes(8192, 1));
        LibArgon2 libargon2 = LibArgon2.load(LibArgon2.DEFAULT_LIBRARY, buffers);
        Argon2Hash params = params(8192, 1);
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                byte[] password = ("password " + t).getBytes(StandardCharsets.UTF_8);
                results.add(pool.submit(() -> {
                    start.await();
                    byte[] hash = null;
                    for (int round = 0; round < 3; round++) {
                        hash = libargon2.compute(params, password);
                    }
                    return hash;
                }));
            }
            for (int t = 0; t < threads; t++) {
                byte[] password = ("password " + t).getBytes(StandardCharsets.UTF_8);
                assertThat(results.get(t).get()).isEqualTo(BOUNCY_CASTLE.compute(params, password));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(buffers.lentCount()).isZero();
        assertThat(buffers.idleAddresses()).hasSizeBetween(1, threads).doesNotHaveDuplicates();
    }

    @Test
    void theSizeIsLibargon2sRoundedMemoryCost() {
        assertThat(Argon2Buffers.bytes(19456, 1)).isEqualTo(19456L * 1024);
        assertThat(Argon2Buffers.bytes(102400, 8)).isEqualTo(102400L * 1024);
        assertThat(Argon2Buffers.bytes(1030, 8)).isEqualTo(1024L * 1024); // down to a multiple of 8 blocks a lane
        assertThat(Argon2Buffers.bytes(1024, 255)).isEqualTo(2040L * 1024); // 8 blocks a lane at least
    }

    private static Argon2Hash params(int memoryKib, int lanes) {
        return new Argon2Hash(Argon2Hash.Type.ARGON2ID, Argon2Hash.VERSION_13, memoryKib, 2, lanes,
                "somesaltsomesalt".getBytes(StandardCharsets.UTF_8), new byte[32]);
    }
}
