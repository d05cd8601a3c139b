package io.modelcatalogbridge.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/**
 * The lines one class logs while a test runs, formatted as the console shows them ({@code LEVEL message}). Use with
 * try-with-resources; closing detaches it and restores the logger's level.
 */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final Level previous;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private CapturedLog(Class<?> source) {
        this.logger = Logger.getLogger(source.getName());
        this.previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    /** Starts capturing what {@code source}'s logger writes. */
    public static CapturedLog of(Class<?> source) {
        return new CapturedLog(source);
    }

    /** Every line so far, {@code "WARN the message"}. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** The lines at one level ({@code WARN}, {@code INFO}, {@code ERROR}, ...), message only. */
    public List<String> at(String level) {
        return lines.stream()
                .filter(l -> l.startsWith(level + " "))
                .map(l -> l.substring(level.length() + 1))
                .toList();
    }

    @Override
    public void publish(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        lines.add(record.getLevel().getName() + " " + message);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
