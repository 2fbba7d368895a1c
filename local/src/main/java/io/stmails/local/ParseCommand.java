package io.stmails.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.mailbox.RecipientFields;
import io.stmails.mailbox.parser.BounceParser;
import io.stmails.mailbox.parser.BouncedRecipient;
import io.stmails.mailbox.parser.ParsedMail;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code parse PATH...}: runs the scanner's parser over message files (directories recursively, in
 * name order) and prints one JSON line per bounced recipient, nothing for a message that is not a
 * bounce: {@code {"file", "recipient", "class", "reason", "status", "reply_code", "command", "evidence",
 * "confidence", "delayed"}} (see {@link RecipientFields}). {@code file} is relative to the directory
 * given (or the path as given for a file).
 */
final class ParseCommand {
    static final String USAGE = "usage: parse PATH... (message files, or directories searched recursively)";

    private ParseCommand() {
    }

    /** @return 0 when every path could be read, 2 on a usage error, 1 when a path is missing or unreadable */
    static int run(List<String> args, PrintStream out) {
        if (args.isEmpty()) {
            System.err.println(USAGE);
            return 2;
        }
        BounceParser parser = new BounceParser();
        ObjectMapper json = new ObjectMapper();
        int status = 0;
        for (String arg : args) {
            Path root = Path.of(arg);
            if (!Files.exists(root)) {
                System.err.println("parse: no such file or directory: " + arg);
                status = 1;
                continue;
            }
            try {
                for (Path file : messageFiles(root)) {
                    String name = Files.isDirectory(root) ? root.relativize(file).toString().replace('\\', '/') : arg;
                    ParsedMail parsed = parser.parse(Files.readAllBytes(file));
                    for (BouncedRecipient recipient : parsed.recipients()) {
                        out.println(json.writeValueAsString(line(json, name, recipient)));
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                System.err.println("parse: cannot read " + arg + ": " + e.getMessage());
                status = 1;
            }
        }
        out.flush();
        return status;
    }

    static List<Path> messageFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of(root);
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return new ArrayList<>(walk.filter(Files::isRegularFile).sorted().toList());
        }
    }

    private static ObjectNode line(ObjectMapper json, String file, BouncedRecipient recipient) {
        return RecipientFields.put(json.createObjectNode().put("file", file), recipient);
    }
}
