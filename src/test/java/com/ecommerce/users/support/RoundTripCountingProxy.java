package com.ecommerce.users.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a local port that counts the round trips between a client and a PostgreSQL server: per proxied
 * connection, each time the server starts answering after the client sent something. However TCP cuts the bytes into
 * segments, a request and its answer count once, and so do messages the client pipelines before an answer (pgjdbc
 * sends Parse, Bind, Execute and Sync together): one round trip is one wait for the network. What the server sends
 * unasked (a notification) counts nothing.
 *
 * <p>A connection that names itself {@code excludedApplicationName} is counted apart: the account-change listener's
 * heartbeats are no request's round trips. pgjdbc sends its ApplicationName in the startup packet (with
 * assumeMinServerVersion 9.0 or later) or in a SET right after authentication, in clear text either way unless the
 * connection uses TLS (which the client must not): the name's bytes are looked for in what the client sends first.
 */
public final class RoundTripCountingProxy implements AutoCloseable {

    /** The startup packet, the authentication and pgjdbc's SET of application_name fit in this. */
    private static final int STARTUP_BYTES = 4096;

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final byte[] excludedMarker;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    private RoundTripCountingProxy(ServerSocket server, InetSocketAddress upstream, String excludedApplicationName) {
        this.server = server;
        this.upstream = upstream;
        this.excludedMarker = excludedApplicationName.getBytes(StandardCharsets.UTF_8);
    }

    /** Listens on a free local port and forwards to {@code host:port}. */
    public static RoundTripCountingProxy start(String host, int port, String excludedApplicationName) throws IOException {
        ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        RoundTripCountingProxy proxy = new RoundTripCountingProxy(server, new InetSocketAddress(host, port),
                excludedApplicationName);
        Thread.ofPlatform().daemon().name("round-trip-proxy-" + server.getLocalPort()).start(proxy::acceptLoop);
        return proxy;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Round trips since the last {@link #reset}, over every connection but the excluded ones. */
    public long roundTrips() {
        return connections.stream().filter(c -> !c.excluded()).mapToLong(Connection::roundTrips).sum();
    }

    /** Round trips since the last {@link #reset} of the excluded connections. */
    public long excludedRoundTrips() {
        return connections.stream().filter(Connection::excluded).mapToLong(Connection::roundTrips).sum();
    }

    /** Connections proxied so far (open or closed), and how many of them were excluded. */
    public int connections() {
        return connections.size();
    }

    public int excludedConnections() {
        return (int) connections.stream().filter(Connection::excluded).count();
    }

    public void reset() {
        connections.forEach(Connection::reset);
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(RoundTripCountingProxy::close);
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            sockets.add(client);
            Thread.ofVirtual().start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket database = new Socket();
        sockets.add(database);
        try {
            database.connect(upstream, 5_000);
        } catch (IOException e) {
            close(client);
            close(database);
            return;
        }
        Connection connection = new Connection();
        connections.add(connection);
        Thread.ofVirtual().start(() -> pump(client, database, connection, true));
        Thread.ofVirtual().start(() -> pump(database, client, connection, false));
    }

    private void pump(Socket from, Socket to, Connection connection, boolean fromClient) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0;) {
                // counted before it is passed on: the client's next step, and the test's, come after the count
                if (fromClient) {
                    connection.clientSent(buffer, n);
                } else {
                    connection.serverSent();
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // closed by a peer: the other side goes too
        }
        close(from);
        close(to);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    /** One proxied connection: who spoke last, and the round trips counted since the last reset. */
    private final class Connection {

        private final ByteArrayOutputStream startup = new ByteArrayOutputStream();
        private boolean clientSpokeLast;
        private boolean excluded;
        private long roundTrips;

        synchronized void clientSent(byte[] bytes, int length) {
            if (!excluded && startup.size() < STARTUP_BYTES) {
                startup.write(bytes, 0, Math.min(length, STARTUP_BYTES - startup.size()));
                excluded = contains(startup.toByteArray(), excludedMarker);
            }
            clientSpokeLast = true;
        }

        synchronized void serverSent() {
            if (clientSpokeLast) {
                roundTrips++;
                clientSpokeLast = false;
            }
        }

        synchronized boolean excluded() {
            return excluded;
        }

        synchronized long roundTrips() {
            return roundTrips;
        }

        synchronized void reset() {
            roundTrips = 0;
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
