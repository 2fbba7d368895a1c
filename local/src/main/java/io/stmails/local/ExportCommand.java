package io.stmails.local;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code export --url URL --format csv|jsonl --out FILE [--query 'source=ses&type=hard']}: follows
 * {@code GET /api/bounces/export} page by page to the end, against the local runner or a deployed
 * stack, writing every page to FILE; a progress bar when run on a terminal. Credentials come from
 * {@code STMAILS_API_USER} / {@code STMAILS_API_TOKEN} (or {@code --user} / {@code --token}).
 */
final class ExportCommand {
    static final String USAGE = "usage: java -jar local/target/stmails-local.jar export --url URL --format csv|jsonl"
            + " --out FILE [--query 'campaign_uuid=...&type=hard'] [--user U --token T]";

    private ExportCommand() {
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err, boolean terminal)
            throws IOException, InterruptedException {
        String url = null;
        String format = "csv";
        Path file = null;
        String query = "";
        String user = env.get("STMAILS_API_USER");
        String token = env.get("STMAILS_API_TOKEN");
        List<String> rest = new ArrayList<>(args);
        RemoteApi api;
        try {
            while (!rest.isEmpty()) {
                String option = rest.remove(0);
                switch (option) {
                    case "--url" -> url = CommandOptions.value(option, rest);
                    case "--format" -> format = CommandOptions.value(option, rest);
                    case "--out" -> file = Path.of(CommandOptions.value(option, rest));
                    case "--query" -> query = CommandOptions.value(option, rest);
                    case "--user" -> user = CommandOptions.value(option, rest);
                    case "--token" -> token = CommandOptions.value(option, rest);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (url == null || file == null) {
                throw new IllegalArgumentException("--url and --out are required");
            }
            if (!format.equals("csv") && !format.equals("jsonl")) {
                throw new IllegalArgumentException("--format must be csv or jsonl");
            }
            api = RemoteApi.of(url, user, token);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        Progress progress = new Progress(terminal ? out : null);
        String cursor = null;
        long rows = 0;
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream sink = Files.newOutputStream(partial)) {
            do {
                String pageQuery = "format=" + format + (query.isEmpty() ? "" : "&" + query)
                        + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
                HttpResponse<byte[]> page = api.http().send(api.request("/api/bounces/export?" + pageQuery).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (page.statusCode() != 200) {
                    err.println("error: the export answered " + page.statusCode() + ": "
                            + new String(page.body(), StandardCharsets.UTF_8));
                    return 1;
                }
                sink.write(page.body());
                rows += countRows(page.body());
                page.headers().firstValue("x-total-count").ifPresent(total -> progress.total(Long.parseLong(total)));
                cursor = page.headers().firstValue("x-next-cursor").orElse(null);
                progress.show(format.equals("csv") ? Math.max(0, rows - 1) : rows);
            } while (cursor != null);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        progress.done();
        out.println("exported " + (format.equals("csv") ? Math.max(0, rows - 1) : rows) + " bounces to " + file);
        return 0;
    }

    private static long countRows(byte[] body) {
        long rows = 0;
        for (byte b : body) {
            if (b == '\n') {
                rows++;
            }
        }
        return rows;
    }

    /** A one-line bar redrawn in place; silent when not on a terminal. */
    private static final class Progress {
        private static final int WIDTH = 30;
        private final PrintStream terminal;
        private long total = -1;

        Progress(PrintStream terminal) {
            this.terminal = terminal;
        }

        void total(long value) {
            total = value;
        }

        void show(long done) {
            if (terminal == null) {
                return;
            }
            if (total > 0) {
                int filled = (int) Math.min(WIDTH, done * WIDTH / total);
                terminal.printf("\r[%s%s] %3d%% %d/%d", "#".repeat(filled), " ".repeat(WIDTH - filled),
                        Math.min(100, done * 100 / total), done, total);
            } else {
                terminal.printf("\r%d bounces", done);
            }
            terminal.flush();
        }

        void done() {
            if (terminal != null) {
                terminal.println();
            }
        }
    }
}
