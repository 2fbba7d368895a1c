package io.stmails.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the reliability suite did, per entry point: inputs tried, answers by class, hangs, escaped
 * exceptions and injected faults. {@link #flush()} appends the figures to
 * {@code target/reliability-figures.tsv}, the numbers the closing note asks for.
 */
public final class Figures {
    private static final String[] COLUMNS = {"inputs", "2xx", "4xx", "5xx", "hangs", "escaped", "faults"};
    private static final int INPUTS = 0;
    private static final int HANGS = 4;
    private static final int ESCAPED = 5;
    private static final int FAULTS = 6;
    private static final Map<String, AtomicLongArray> COUNTS = new ConcurrentHashMap<>();

    private Figures() {
    }

    private static AtomicLongArray of(String entryPoint) {
        return COUNTS.computeIfAbsent(entryPoint, e -> new AtomicLongArray(COLUMNS.length));
    }

    public static void input(String entryPoint) {
        of(entryPoint).incrementAndGet(INPUTS);
    }

    /** An HTTP answer, or for an event-driven function 200 (returned) / 400 (typed refusal) / 500 (anything else). */
    public static void answer(String entryPoint, int status) {
        int column = switch (status / 100) {
            case 2 -> 1;
            case 4 -> 2;
            case 5 -> 3;
            default -> -1;
        };
        if (column > 0) {
            of(entryPoint).incrementAndGet(column);
        }
    }

    public static void hang(String entryPoint) {
        of(entryPoint).incrementAndGet(HANGS);
    }

    public static void escaped(String entryPoint) {
        of(entryPoint).incrementAndGet(ESCAPED);
    }

    public static void fault(String entryPoint) {
        of(entryPoint).incrementAndGet(FAULTS);
    }

    public static long faults(String entryPoint) {
        return of(entryPoint).get(FAULTS);
    }

    /** Appends every entry point's figures to {@code target/reliability-figures.tsv} and starts counting afresh. */
    public static synchronized void flush() {
        if (COUNTS.isEmpty()) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        new TreeMap<>(COUNTS).forEach((entry, counts) -> {
            lines.append(entry);
            for (int i = 0; i < COLUMNS.length; i++) {
                lines.append('\t').append(COLUMNS[i]).append('=').append(counts.get(i));
            }
            lines.append('\n');
        });
        COUNTS.clear();
        try {
            Path file = Path.of("target", "reliability-figures.tsv");
            Files.createDirectories(file.getParent());
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
