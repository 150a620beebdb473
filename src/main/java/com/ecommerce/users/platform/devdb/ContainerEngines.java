package com.ecommerce.users.platform.devdb;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Whether a container engine is at hand, so that Dev Services can start its PostgreSQL (see {@link LocalDatabase}). */
final class ContainerEngines {

    private ContainerEngines() {
    }

    /**
     * A guess at what Testcontainers (hence Dev Services) would find: DOCKER_HOST or a Testcontainers configuration
     * naming one, or a Docker or Podman socket at one of the usual places that accepts a connection (a socket file
     * left by a stopped engine does not).
     */
    static boolean available() {
        String dockerHost = System.getenv("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return true;
        }
        Path home = Path.of(System.getProperty("user.home"));
        try {
            Path testcontainers = home.resolve(".testcontainers.properties");
            if (Files.isReadable(testcontainers) && Files.readString(testcontainers).contains("docker.host")) {
                return true;
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: as if absent
        }
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return Files.exists(Path.of("\\\\.\\pipe\\docker_engine"));
        }
        List<Path> sockets = new ArrayList<>(List.of(Path.of("/var/run/docker.sock"), Path.of("/run/podman/podman.sock"),
                home.resolve(".docker/run/docker.sock"), home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".colima/default/docker.sock"), home.resolve(".rd/docker.sock")));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            sockets.add(Path.of(runtimeDir, "podman/podman.sock"));
            sockets.add(Path.of(runtimeDir, "docker.sock"));
        }
        for (Path socket : sockets) {
            if (Files.exists(socket)) {
                try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                    return true;
                } catch (IOException | RuntimeException e) {
                    // not listening, or not ours to use
                }
            }
        }
        return false;
    }
}
