package io.stmails.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The bounce corpus (real bounce mails with their expected reading): in the repository under
 * {@code functions/src/test/resources/bounce-corpus/}, or, in a checkout that predates that move,
 * beside the repository in {@code shared/bounce-corpus}.
 */
public final class BounceCorpus {
    private BounceCorpus() {
    }

    public static Path directory() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("functions")) && Files.isRegularFile(dir.resolve("pom.xml")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root above " + System.getProperty("user.dir"));
        }
        for (Path candidate : List.of(dir.resolve("functions/src/test/resources/bounce-corpus"),
                dir.resolveSibling("shared").resolve("bounce-corpus"))) {
            if (Files.isRegularFile(candidate.resolve("files.txt"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("the bounce corpus is missing: neither functions/src/test/resources/bounce-corpus"
                + " nor ../shared/bounce-corpus holds files.txt");
    }

    /** The corpus messages' paths, in the order of {@code files.txt}. */
    public static List<Path> messages() {
        Path dir = directory();
        try {
            return Files.readAllLines(dir.resolve("files.txt")).stream().filter(line -> !line.isBlank())
                    .map(line -> dir.resolve("emails").resolve(line.trim())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] read(Path message) {
        try {
            return Files.readAllBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
