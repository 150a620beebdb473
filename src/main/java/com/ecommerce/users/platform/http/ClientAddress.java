package com.ecommerce.users.platform.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.ecommerce.users.platform.problem.InvalidRequestException;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The address a request came from, for throttling: the socket's peer, or, behind {@code users.http.trusted-proxy-hops}
 * proxies (the ALB on EKS: 1), the X-Forwarded-For entry the outermost trusted proxy appended. Entries left of it are
 * whatever the client sent, so they are never used: a client cannot choose the address it is counted under.
 *
 * <p>Written here rather than with {@code quarkus.http.proxy.*}, which takes the left-most X-Forwarded-For entry (the
 * client's own claim) and has no notion of a number of hops.
 */
@ApplicationScoped
public class ClientAddress {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    /** Far more than any real chain of proxies; a longer header is refused rather than split. */
    private static final int MAX_HEADER_LENGTH = 2048;
    private static final Pattern DOTTED_QUAD = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private final int trustedHops;

    ClientAddress(HttpConfig config) {
        this.trustedHops = config.trustedProxyHops();
    }

    /**
     * The client's address as a throttling key: an IP address in canonical text form; IPv6 addresses by their /64
     * prefix, the block one subscriber usually holds whole.
     *
     * @throws InvalidRequestException when the entry a trusted proxy should have written is not an IP address
     */
    public String of(HttpServerRequest request) {
        if (trustedHops > 0) {
            List<String> forwarded = request.headers().getAll(X_FORWARDED_FOR);
            if (!forwarded.isEmpty()) {
                String joined = String.join(",", forwarded);
                if (joined.length() > MAX_HEADER_LENGTH) {
                    throw new InvalidRequestException(X_FORWARDED_FOR, "is too long");
                }
                String[] entries = joined.split(",", -1);
                if (entries.length >= trustedHops) {
                    return key(forwardedEntry(entries[entries.length - trustedHops].strip()));
                }
            }
            // no (or too short a) header: the request did not pass through the proxies, so its peer is the client
        }
        SocketAddress peer = request.remoteAddress();
        // the server's own reading of the socket, not client input: an IP literal, or none (a Unix socket)
        return peer == null || peer.hostAddress() == null ? "unknown" : key(InetAddress.ofLiteral(peer.hostAddress()));
    }

    private static InetAddress forwardedEntry(String text) {
        String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        // ofLiteral also takes the legacy forms "1.2.3" and "1", which no proxy writes
        if (literal.indexOf(':') >= 0 || DOTTED_QUAD.matcher(literal).matches()) {
            try {
                return InetAddress.ofLiteral(literal); // a literal only: never a DNS lookup
            } catch (IllegalArgumentException e) {
                // not an address: refused below
            }
        }
        throw new InvalidRequestException(X_FORWARDED_FOR, "must end with the client's IP address");
    }

    private static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (java.net.UnknownHostException e) {
                throw new IllegalStateException(e); // 16 bytes are always an IPv6 address
            }
        }
        return address.getHostAddress();
    }
}
