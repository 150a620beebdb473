package com.ecommerce.users.password;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2 in pure Java (Bouncy Castle's lightweight API, no JCA provider): works everywhere, the fallback where
 * libargon2 is missing. Its memory cost is allocated on the Java heap for every hash.
 */
public final class BouncyCastleArgon2 implements Argon2Implementation {

    public static final String NAME = "bouncy-castle";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] compute(Argon2Hash params, byte[] password) {
        int type = switch (params.type()) {
            case ARGON2I -> Argon2Parameters.ARGON2_i;
            case ARGON2ID -> Argon2Parameters.ARGON2_id;
        };
        Argon2Parameters parameters = new Argon2Parameters.Builder(type)
                .withVersion(params.version())
                .withMemoryAsKB(params.memoryKib())
                .withIterations(params.iterations())
                .withParallelism(params.parallelism())
                .withSalt(params.salt())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[params.hash().length];
        generator.generateBytes(password, out);
        return out;
    }
}
