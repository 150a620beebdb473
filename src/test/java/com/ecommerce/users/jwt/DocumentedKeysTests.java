package com.ecommerce.users.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.HashUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.ecommerce.users.support.MarkdownBlocks;
import com.ecommerce.users.support.ShellSession;

import io.smallrye.jwt.util.KeyUtils;

/**
 * The {@code openssl} commands the docs give for the signing key (docs/security.md "Keys", docs/deploying.md), run as
 * written: the key they make is one {@link JwtKeys} signs with, and the public key made for a rotation is that key's.
 */
class DocumentedKeysTests {

    @TempDir
    Path directory;

    @Test
    void theSecurityPagesKeyCommandsMakeAKeyTheServiceSignsWith() throws Exception {
        run(MarkdownBlocks.of(Path.of("docs", "security.md"), "Keys", "bash").getFirst().text());
        JwtKeys keys = keys(Map.of("signingKeyLocation", directory.resolve("signing-key.pem").toString(),
                "previousVerificationKeyLocation", directory.resolve("public-key.pem").toString()));

        PublicJsonWebKey published = (PublicJsonWebKey) new JsonWebKeySet(keys.jwks()).getJsonWebKeys().getFirst();
        PublicJsonWebKey made = PublicJsonWebKey.Factory.newPublicJwk(
                KeyUtils.decodePublicKey(Files.readString(directory.resolve("public-key.pem"))));
        assertThat(new JsonWebKeySet(keys.jwks()).getJsonWebKeys()).as("the rotation's public key is the signing key's").hasSize(1);
        assertThat(published.getKeyId()).isEqualTo(made.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256));
        assertThat(keys.signingKeyId()).isEqualTo(published.getKeyId());
        assertThat(((java.security.interfaces.RSAPublicKey) published.getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
    }

    @Test
    void theDeployingPagesKeyCommandMakesAKeyTheServiceSignsWith() throws Exception {
        run(MarkdownBlocks.of(Path.of("docs", "deploying.md")).getFirst().text());
        JwtKeys keys = keys(Map.of("signingKeyLocation", directory.resolve("signing-key.pem").toString()));
        assertThat(new JsonWebKeySet(keys.jwks()).getJsonWebKeys()).singleElement()
                .satisfies(key -> assertThat(key.getKeyId()).isEqualTo(keys.signingKeyId()));
    }

    /** The block's {@code openssl} lines (the {@code kubectl} ones need a cluster: DeployingExamplesIT checks them). */
    private void run(String block) {
        List<String> openssl = block.lines().filter(line -> line.startsWith("openssl ")).toList();
        assertThat(openssl).as("the block makes a key with openssl").isNotEmpty();
        try (ShellSession shell = new ShellSession(directory)) {
            shell.run(String.join("\n", openssl).replaceAll("\\s+#.*", ""));
        }
    }

    /** The keys of a configuration with these users.jwt.* settings and no other. */
    private static JwtKeys keys(Map<String, String> settings) {
        JwtConfig config = (JwtConfig) Proxy.newProxyInstance(JwtConfig.class.getClassLoader(), new Class<?>[] { JwtConfig.class },
                (proxy, method, arguments) -> method.getReturnType() == Optional.class
                        ? Optional.ofNullable(settings.get(method.getName()))
                        : switch (method.getName()) {
                            case "toString" -> "documented keys";
                            case "hashCode" -> 0;
                            default -> throw new UnsupportedOperationException(method.getName());
                        });
        return new JwtKeys(config);
    }
}
