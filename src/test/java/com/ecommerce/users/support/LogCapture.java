package com.ecommerce.users.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/** Collects every log record of the application running in the test JVM, message and stack trace included. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<Captured> records = new CopyOnWriteArrayList<>();

    /** One record: its logger, level and message, the MDC it was logged with, and whether it carries a stack trace. */
    public record Captured(String logger, Level level, String message, Map<String, String> mdc, boolean stackTrace) {
    }
    private final Logger root = Logger.getLogger("");

    public LogCapture() {
        setLevel(Level.ALL);
        root.addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        StringBuilder text = new StringBuilder(record.getLoggerName()).append(' ');
        text.append(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            text.append('\n').append(trace);
        }
        lines.add(text.toString());
        if (record instanceof ExtLogRecord ext) {
            records.add(new Captured(ext.getLoggerName(), ext.getLevel(), ext.getFormattedMessage(),
                    Map.copyOf(ext.getMdcCopy()), ext.getThrown() != null));
        }
    }

    /** The records of one logger, in order. */
    public List<Captured> records(String logger) {
        return records.stream().filter(captured -> captured.logger().equals(logger)).toList();
    }

    /** Every record at {@code level} or above, in order (JBoss's WARN and ERROR are java.util.logging levels too). */
    public List<Captured> atOrAbove(Level level) {
        return records.stream().filter(captured -> captured.level().intValue() >= level.intValue()).toList();
    }

    /** Every record that carries a stack trace, whatever its level. */
    public List<Captured> withStackTrace() {
        return records.stream().filter(Captured::stackTrace).toList();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
    }
}
