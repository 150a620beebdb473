package com.ecommerce.users.password;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Argon2 by the reference C implementation (the system's {@code libargon2.so.1}: Debian {@code libargon2-1}, UBI/RHEL
 * {@code libargon2}), called through {@code java.lang.foreign}. Hand-written rather than a library: argon2-jvm, the
 * binding on Maven Central, goes through JNA; this is one downcall, with nothing but the JDK.
 *
 * <p>It calls {@code argon2_ctx}, the only entry point that takes the version (stored v=16 hashes must verify too),
 * with {@code threads = lanes}, so a hash with parallelism p runs on p threads. The memory cost (19 MiB at the
 * defaults, off the Java heap) comes from {@link Argon2Buffers}, which keeps it for the next hash, through the
 * context's {@code allocate_cbk} and {@code free_cbk} ({@link LibArgon2Memory}): left to malloc, it was mapped and
 * faulted in afresh on most hashes, which on gVisor cost more CPU than the hash itself (bench/hash-cost). libargon2
 * wipes it before giving it back. What this class passes lives in a confined arena closed at the end of the call,
 * the password's copy wiped first. Nothing native happens in static initialisation, which native images may run at
 * build time: the library is looked up and the upcall stubs made by {@link #load}.
 */
public final class LibArgon2 implements Argon2Implementation {

    public static final String NAME = "libargon2";
    public static final String DEFAULT_LIBRARY = "libargon2.so.1";

    /** {@code argon2_context} of argon2.h (20171227, LP64): pointers and uint32_t lengths, padded as C does. */
    private static final StructLayout CONTEXT = MemoryLayout.structLayout(
            ADDRESS.withName("out"), JAVA_INT.withName("outlen"), MemoryLayout.paddingLayout(4),
            ADDRESS.withName("pwd"), JAVA_INT.withName("pwdlen"), MemoryLayout.paddingLayout(4),
            ADDRESS.withName("salt"), JAVA_INT.withName("saltlen"), MemoryLayout.paddingLayout(4),
            ADDRESS.withName("secret"), JAVA_INT.withName("secretlen"), MemoryLayout.paddingLayout(4),
            ADDRESS.withName("ad"), JAVA_INT.withName("adlen"),
            JAVA_INT.withName("t_cost"), JAVA_INT.withName("m_cost"), JAVA_INT.withName("lanes"),
            JAVA_INT.withName("threads"), JAVA_INT.withName("version"),
            ADDRESS.withName("allocate_cbk"), ADDRESS.withName("free_cbk"),
            JAVA_INT.withName("flags"), MemoryLayout.paddingLayout(4));
    private static final VarHandle OUT = field("out");
    private static final VarHandle OUT_LEN = field("outlen");
    private static final VarHandle PWD = field("pwd");
    private static final VarHandle PWD_LEN = field("pwdlen");
    private static final VarHandle SALT = field("salt");
    private static final VarHandle SALT_LEN = field("saltlen");
    private static final VarHandle T_COST = field("t_cost");
    private static final VarHandle M_COST = field("m_cost");
    private static final VarHandle LANES = field("lanes");
    private static final VarHandle THREADS = field("threads");
    private static final VarHandle VERSION = field("version");
    private static final VarHandle ALLOCATE_CBK = field("allocate_cbk");
    private static final VarHandle FREE_CBK = field("free_cbk");
    /** {@code int argon2_ctx(argon2_context *context, argon2_type type)}; registered for native images in
     * META-INF/native-image/.../reachability-metadata.json. */
    static final FunctionDescriptor ARGON2_CTX = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT);
    /** argon2_type: Argon2_d = 0, Argon2_i = 1, Argon2_id = 2. */
    private static final int ARGON2_I = 1;
    private static final int ARGON2_ID = 2;

    private final MethodHandle argon2Ctx;
    private final LibArgon2Memory memory;
    private final Argon2Buffers buffers;

    private LibArgon2(MethodHandle argon2Ctx, LibArgon2Memory memory, Argon2Buffers buffers) {
        this.argon2Ctx = argon2Ctx;
        this.memory = memory;
        this.buffers = buffers;
    }

    /** With buffers for the service's defaults (19456 KiB, p=1; one per CPU): benchmarks, tests. */
    public static LibArgon2 load(String library) {
        return load(library, new Argon2Buffers(Runtime.getRuntime().availableProcessors(), Argon2Buffers.bytes(19456, 1)));
    }

    /**
     * Binds {@code argon2_ctx} of {@code library} (a file name the dynamic linker searches for, or a path).
     *
     * @param buffers where the hashes' memory comes from
     * @throws LibArgon2UnavailableException when the library or the function is not there
     */
    public static LibArgon2 load(String library, Argon2Buffers buffers) {
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(library, Arena.global());
        } catch (IllegalArgumentException e) {
            throw new LibArgon2UnavailableException(library + " cannot be loaded (Debian: apt-get install libargon2-1;"
                    + " UBI/RHEL: microdnf install libargon2)", e);
        }
        MemorySegment function = lookup.find("argon2_ctx")
                .orElseThrow(() -> new LibArgon2UnavailableException(library + " has no argon2_ctx", null));
        Linker linker = Linker.nativeLinker();
        return new LibArgon2(linker.downcallHandle(function, ARGON2_CTX), LibArgon2Memory.link(linker), buffers);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] compute(Argon2Hash params, byte[] password) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment context = arena.allocate(CONTEXT); // zeroed: no secret, no associated data, no flags
            MemorySegment out = arena.allocate(params.hash().length);
            // one byte at least, so that an empty password still has an address (libargon2 reads none of it)
            MemorySegment pwd = arena.allocate(Math.max(1, password.length));
            MemorySegment.copy(password, 0, pwd, JAVA_BYTE, 0, password.length);
            try {
                OUT.set(context, 0L, out);
                OUT_LEN.set(context, 0L, params.hash().length);
                PWD.set(context, 0L, pwd);
                PWD_LEN.set(context, 0L, password.length);
                SALT.set(context, 0L, arena.allocateFrom(JAVA_BYTE, params.salt()));
                SALT_LEN.set(context, 0L, params.salt().length);
                T_COST.set(context, 0L, params.iterations());
                M_COST.set(context, 0L, params.memoryKib());
                LANES.set(context, 0L, params.parallelism());
                THREADS.set(context, 0L, params.parallelism());
                VERSION.set(context, 0L, params.version());
                ALLOCATE_CBK.set(context, 0L, memory.allocateStub);
                FREE_CBK.set(context, 0L, memory.freeStub);
                int type = params.type() == Argon2Hash.Type.ARGON2ID ? ARGON2_ID : ARGON2_I;
                int result;
                try (LibArgon2Memory.Call call = LibArgon2Memory.begin(buffers)) {
                    result = (int) argon2Ctx.invokeExact(context, type);
                    call.check();
                }
                if (result != LibArgon2Memory.ARGON2_OK) {
                    // Argon2Hash admits only parameters libargon2 accepts: what is left is memory (-22) or threads
                    throw new IllegalStateException("libargon2 failed with error code " + result);
                }
                return out.toArray(JAVA_BYTE);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("libargon2 call failed", e);
            } finally {
                pwd.fill((byte) 0);
            }
        }
    }

    private static VarHandle field(String name) {
        return CONTEXT.varHandle(MemoryLayout.PathElement.groupElement(name));
    }

    /** libargon2 is not installed, or not the library it should be. */
    public static final class LibArgon2UnavailableException extends RuntimeException {
        LibArgon2UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
