package com.ecommerce.users.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A TCP proxy on a local port that a test can cut and restore, in the two ways a network fails:
 * <ul>
 * <li>{@link Cut#RESET}: every connection is reset at once and new ones are reset as soon as they are accepted
 * (a database restart or failover, a crashed host that answers with RSTs);
 * <li>{@link Cut#BLACK_HOLE}: connections stay open but no byte moves either way, and new ones are accepted and
 * never answered (a partition, a firewall that drops packets). Nothing fails; only timeouts notice.
 * </ul>
 * {@link #restore()} lets traffic through again; what was held during a black hole is then delivered, as TCP
 * retransmission would once a partition heals. Connections their client gave up on meanwhile stay closed.
 */
public final class CuttableTcpProxy implements AutoCloseable {

    public enum Cut {
        RESET, BLACK_HOLE
    }

    private enum State {
        OPEN, RESET, BLACK_HOLE, CLOSED
    }

    private final ServerSocket server;
    private final InetSocketAddress upstream;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stateChanged = lock.newCondition();
    private volatile State state = State.OPEN;

    private CuttableTcpProxy(ServerSocket server, InetSocketAddress upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    /** Listens on a free local port and forwards to {@code host:port}. */
    public static CuttableTcpProxy start(String host, int port) throws IOException {
        ServerSocket server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        CuttableTcpProxy proxy = new CuttableTcpProxy(server, new InetSocketAddress(host, port));
        Thread.ofPlatform().daemon().name("proxy-accept-" + server.getLocalPort()).start(proxy::acceptLoop);
        return proxy;
    }

    public int port() {
        return server.getLocalPort();
    }

    public void cut(Cut how) {
        setState(how == Cut.RESET ? State.RESET : State.BLACK_HOLE);
        if (how == Cut.RESET) {
            sockets.forEach(this::reset);
        }
    }

    public void restore() {
        setState(State.OPEN);
    }

    @Override
    public void close() throws IOException {
        setState(State.CLOSED);
        server.close();
        sockets.forEach(this::reset);
    }

    private void setState(State next) {
        lock.lock();
        try {
            state = next;
            stateChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Blocks while black-holed; true when traffic may flow, false when the connection must die. */
    private boolean awaitPassage() {
        lock.lock();
        try {
            while (state == State.BLACK_HOLE) {
                stateChanged.awaitUninterruptibly();
            }
            return state == State.OPEN;
        } finally {
            lock.unlock();
        }
    }

    private void acceptLoop() {
        while (state != State.CLOSED) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (state == State.RESET || state == State.CLOSED) {
                reset(client);
                continue;
            }
            sockets.add(client);
            Thread.ofVirtual().start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        // a black-holed connection attempt is accepted (the kernel does that) but never reaches the server
        if (!awaitPassage()) {
            reset(client);
            return;
        }
        Socket server = new Socket();
        sockets.add(server);
        try {
            server.connect(upstream, 5_000);
        } catch (IOException e) {
            reset(client);
            reset(server);
            return;
        }
        Thread.ofVirtual().start(() -> pump(client, server));
        Thread.ofVirtual().start(() -> pump(server, client));
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0;) {
                if (!awaitPassage()) {
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // reset by the proxy or by a peer: the other side goes too
        }
        close(from);
        close(to);
    }

    /** Closes with an RST rather than a FIN, as a crashed or restarted peer does. */
    private void reset(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed
        }
        close(socket);
    }

    private void close(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}
