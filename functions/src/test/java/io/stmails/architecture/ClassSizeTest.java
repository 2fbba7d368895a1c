package io.stmails.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** One job per class: no main source file over 300 lines, except the parser's phrase tables (issue 12). */
class ClassSizeTest {
    private static final int MAX_LINES = 300;
    private static final Path MAIN = Path.of("src/main/java");
    /** Tables of wordings, long by nature: splitting them would only scatter one table. */
    private static final Set<String> TABLES = Set.of("io/stmails/mailbox/parser/ReasonRules.java");

    @Test
    void noMainClassIsOverThreeHundredLines() throws IOException {
        List<String> tooLong;
        try (Stream<Path> files = Files.walk(MAIN)) {
            tooLong = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !TABLES.contains(MAIN.relativize(f).toString().replace('\\', '/')))
                    .filter(f -> lines(f) > MAX_LINES)
                    .map(f -> MAIN.relativize(f) + " (" + lines(f) + " lines)")
                    .sorted()
                    .toList();
        }
        assertEquals(List.of(), tooLong);
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
