package com.ecommerce.users.password;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * libargon2's {@code allocate_cbk} and {@code free_cbk}, which hand it {@link Argon2Buffers}' memory. argon2_ctx calls
 * both on its calling thread (before its lanes' threads start, after they end) and passes them no user data: the
 * hash in progress on the thread says which pool. The stubs live in the global arena, made once by {@link #link}.
 */
final class LibArgon2Memory {

    /** {@code int allocate_fptr(uint8_t **memory, size_t bytes)}; registered for native images as an upcall. */
    static final FunctionDescriptor ALLOCATE = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG);
    /** {@code void deallocate_fptr(uint8_t *memory, size_t bytes)}; registered for native images as an upcall. */
    static final FunctionDescriptor FREE = FunctionDescriptor.ofVoid(ADDRESS, JAVA_LONG);
    static final int ARGON2_OK = 0;
    static final int ARGON2_MEMORY_ALLOCATION_ERROR = -22;

    private static final ThreadLocal<Call> CALL = new ThreadLocal<>();

    final MemorySegment allocateStub;
    final MemorySegment freeStub;

    private LibArgon2Memory(MemorySegment allocateStub, MemorySegment freeStub) {
        this.allocateStub = allocateStub;
        this.freeStub = freeStub;
    }

    static LibArgon2Memory link(Linker linker) {
        try {
            MethodHandles.Lookup here = MethodHandles.lookup();
            return new LibArgon2Memory(
                    linker.upcallStub(here.findStatic(LibArgon2Memory.class, "allocate",
                            MethodType.methodType(int.class, MemorySegment.class, long.class)), ALLOCATE, Arena.global()),
                    linker.upcallStub(here.findStatic(LibArgon2Memory.class, "free",
                            MethodType.methodType(void.class, MemorySegment.class, long.class)), FREE, Arena.global()));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One argon2_ctx call on this thread, taking its memory from {@code buffers}; close it after the call. */
    static Call begin(Argon2Buffers buffers) {
        Call call = new Call(buffers);
        CALL.set(call);
        return call;
    }

    static final class Call implements AutoCloseable {
        private final Argon2Buffers buffers;
        private long lent; // the buffer's address while libargon2 holds it
        private Throwable failure; // from a callback: an exception must not unwind into C

        private Call(Argon2Buffers buffers) {
            this.buffers = buffers;
        }

        /** Throws what a callback caught (after the call, since the callbacks cannot). */
        void check() {
            if (failure != null) {
                throw new IllegalStateException("libargon2's memory callback failed", failure);
            }
        }

        @Override
        public void close() {
            CALL.remove();
            if (lent != 0) { // argon2_ctx returns without freeing when a lane's thread cannot start
                buffers.discard(lent);
            }
        }
    }

    /** 20171227 ignores the result and tests the pointer: NULL it is, on failure. */
    private static int allocate(MemorySegment memory, long bytes) {
        MemorySegment pointer = memory.reinterpret(ADDRESS.byteSize());
        Call call = CALL.get();
        try {
            MemorySegment buffer = call.buffers.take(bytes);
            call.lent = buffer.address();
            pointer.set(ADDRESS, 0, buffer);
            return ARGON2_OK;
        } catch (Throwable e) { // an exception out of an upcall would end the JVM
            if (!(e instanceof OutOfMemoryError)) {
                call.failure = e;
            }
            pointer.set(ADDRESS, 0, MemorySegment.NULL);
            return ARGON2_MEMORY_ALLOCATION_ERROR;
        }
    }

    /** After libargon2 has wiped the memory (its clear-internal-memory flag is on by default). */
    private static void free(MemorySegment memory, long bytes) {
        Call call = CALL.get();
        try {
            call.buffers.give(memory.address());
            call.lent = 0;
        } catch (Throwable e) {
            call.failure = e;
        }
    }
}
