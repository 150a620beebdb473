package com.ecommerce.users.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One {@code bash -euo pipefail} that runs documented shell blocks one after the other, as a reader pastes them into
 * one terminal: variables set by a block are there for the next, and between blocks the test can read them or set
 * one (a token the reader would copy from a mail). A failing command ends the shell, and {@link #run} fails with
 * everything the blocks printed.
 */
public final class ShellSession implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 120;

    private final Process bash;
    private final Writer input;
    private final BufferedReader output;
    private final StringBuilder transcript = new StringBuilder();
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor();

    public ShellSession(Path directory) {
        try {
            bash = new ProcessBuilder("bash", "-euo", "pipefail", "-s").directory(directory.toFile())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        input = new java.io.OutputStreamWriter(bash.getOutputStream(), StandardCharsets.UTF_8);
        output = new BufferedReader(new InputStreamReader(bash.getInputStream(), StandardCharsets.UTF_8));
        // a hung command (a curl without answer) must fail the test, not hold the build
        watchdog.schedule(bash::destroyForcibly, TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Runs {@code block} (from a file, so that nothing in it reads the session's own input) and returns what it
     * printed; fails if a command of it failed.
     */
    public String run(String block) {
        String done = "block-done-" + UUID.randomUUID();
        try {
            Path file = Files.createTempFile("doc-block", ".sh");
            Files.writeString(file, block, StandardCharsets.UTF_8);
            file.toFile().deleteOnExit();
            input.write("source '" + file + "' < /dev/null\necho\necho " + done + "\n");
            input.flush();
            StringBuilder printed = new StringBuilder();
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                if (line.equals(done)) {
                    transcript.append(printed);
                    return printed.toString();
                }
                printed.append(line).append('\n');
            }
            transcript.append(printed);
        } catch (IOException e) {
            // the shell ended: a command failed (set -e), reported below with the transcript
        }
        throw new AssertionError("a command of this block failed or hung:\n" + block + "\n--- printed so far:\n" + transcript);
    }

    /** The value of a shell variable that the blocks set. */
    public String value(String variable) {
        return run("printf '%s' \"$" + variable + "\"").stripTrailing();
    }

    /** Everything the blocks printed so far. */
    public String transcript() {
        return transcript.toString();
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
        bash.destroy();
    }
}
