package com.ecommerce.users.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;

/** What a session list shows of a User-Agent: printable, at most what the column holds, never half a character. */
class UserAgentsTests {

    @Test
    void controlCharactersGoAndSurroundingSpaceIsTrimmed() {
        assertThat(UserAgents.of(request(" Shop/1.0\u0007 (Linux)\t"))).isEqualTo("Shop/1.0 (Linux)");
        assertThat(UserAgents.of(request("\u0000\u001b"))).isNull();
        assertThat(UserAgents.of(request(null))).isNull();
    }

    @Test
    void aLongOneIsCutToTheColumnWithoutSplittingASurrogatePair() {
        assertThat(UserAgents.of(request("a".repeat(300)))).hasSize(UserAgents.MAX_LENGTH);
        String emoji = "\uD83D\uDE00";
        String cut = UserAgents.of(request("a".repeat(UserAgents.MAX_LENGTH - 1) + emoji + "tail"));
        assertThat(cut).hasSize(UserAgents.MAX_LENGTH - 1).doesNotContain("\uD83D");
    }

    /** Only getHeader is called. */
    private static HttpServerRequest request(String userAgent) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        if (userAgent != null) {
            headers.add("User-Agent", userAgent);
        }
        return (HttpServerRequest) Proxy.newProxyInstance(UserAgentsTests.class.getClassLoader(),
                new Class<?>[] {HttpServerRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.get(args[0].toString());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
