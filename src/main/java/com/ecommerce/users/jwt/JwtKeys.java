package com.ecommerce.users.jwt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The RSA key that signs access tokens and the public keys that verify them: the signing key's own, and the previous
 * one during a rotation. Key ids are RFC 7638 thumbprints, so they follow the keys without configuration.
 *
 * <p>Production refuses to start without a signing key. Dev and test mode make an ephemeral one, whose tokens die with
 * the process.
 */
@Startup
@ApplicationScoped
public class JwtKeys {

    static final String ALGORITHM = "RS256";
    private static final int MIN_BITS = 2048;
    private static final Logger LOG = Logger.getLogger(JwtKeys.class);

    private final PrivateKey signingKey;
    private final String signingKeyId;
    private final List<PublicJsonWebKey> verificationKeys = new ArrayList<>();
    private final String jwks;

    JwtKeys(JwtConfig config) {
        try {
            KeyPair pair = signingKeyPair(config);
            signingKey = pair.getPrivate();
            PublicJsonWebKey current = jwk(pair.getPublic());
            signingKeyId = current.getKeyId();
            verificationKeys.add(current);
            Optional<String> previous = pem(config.previousVerificationKey(), config.previousVerificationKeyLocation());
            if (previous.isPresent()) {
                PublicJsonWebKey old = jwk(KeyUtils.decodePublicKey(previous.get()));
                if (!old.getKeyId().equals(signingKeyId)) {
                    verificationKeys.add(old);
                }
            }
            jwks = new JsonWebKeySet(new ArrayList<JsonWebKey>(verificationKeys))
                    .toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (GeneralSecurityException | JoseException | IOException e) {
            throw new IllegalStateException("Invalid JWT key configuration (users.jwt.*): " + e.getClass().getSimpleName(), e);
        }
        LOG.infof("Signing tokens with key %s; verifying with %d key(s)", signingKeyId, verificationKeys.size());
    }

    public PrivateKey signingKey() {
        return signingKey;
    }

    public String signingKeyId() {
        return signingKeyId;
    }

    /** The JSON Web Key Set of every verification key, public parts only. */
    public String jwks() {
        return jwks;
    }

    private static KeyPair signingKeyPair(JwtConfig config) throws GeneralSecurityException, IOException {
        Optional<String> pem = pem(config.signingKey(), config.signingKeyLocation());
        if (pem.isEmpty()) {
            if (LaunchMode.current() == LaunchMode.NORMAL) {
                throw new IllegalStateException("No JWT signing key: set USERS_JWT_SIGNING_KEY (PEM) or "
                        + "USERS_JWT_SIGNING_KEY_LOCATION (a file); see docs/security.md, \"Keys\"");
            }
            LOG.warn("No JWT signing key configured: using an ephemeral one (dev and test mode only)");
            return KeyUtils.generateKeyPair(MIN_BITS);
        }
        PrivateKey privateKey = KeyUtils.decodePrivateKey(pem.get());
        if (!(privateKey instanceof RSAPrivateCrtKey rsa)) {
            throw new GeneralSecurityException("the signing key must be an RSA private key in PKCS#8 PEM");
        }
        if (rsa.getModulus().bitLength() < MIN_BITS) {
            throw new GeneralSecurityException("the signing key must have at least " + MIN_BITS + " bits");
        }
        PublicKey publicKey = KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        return new KeyPair(publicKey, privateKey);
    }

    private static PublicJsonWebKey jwk(PublicKey key) throws JoseException, GeneralSecurityException {
        if (!(key instanceof RSAPublicKey)) {
            throw new GeneralSecurityException("verification keys must be RSA public keys");
        }
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
        jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256));
        jwk.setUse("sig");
        jwk.setAlgorithm(ALGORITHM);
        return jwk;
    }

    private static Optional<String> pem(Optional<String> content, Optional<String> location) throws IOException {
        if (content.isPresent() && !content.get().isBlank()) {
            return content;
        }
        if (location.isPresent() && !location.get().isBlank()) {
            return Optional.of(Files.readString(Path.of(location.get())));
        }
        return Optional.empty();
    }
}
