package io.stmails.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code import-suppressions --url URL [--next-token T]}: repeats {@code POST /api/suppressions/import}
 * with the {@code next_token} each answer gives until the whole suppression list is in, against the
 * local runner or a deployed stack, printing the progress of every step. An interrupted import
 * prints the token to resume from. Credentials as for {@code export}.
 */
final class SuppressionImportCommand {
    static final String USAGE = "usage: java -jar local/target/stmails-local.jar import-suppressions --url URL"
            + " [--next-token T] [--user U --token T]";

    private SuppressionImportCommand() {
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err)
            throws IOException, InterruptedException {
        String url = null;
        String nextToken = null;
        String user = env.get("STMAILS_API_USER");
        String token = env.get("STMAILS_API_TOKEN");
        List<String> rest = new ArrayList<>(args);
        RemoteApi api;
        try {
            while (!rest.isEmpty()) {
                String option = rest.remove(0);
                switch (option) {
                    case "--url" -> url = CommandOptions.value(option, rest);
                    case "--next-token" -> nextToken = CommandOptions.value(option, rest);
                    case "--user" -> user = CommandOptions.value(option, rest);
                    case "--token" -> token = CommandOptions.value(option, rest);
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (url == null) {
                throw new IllegalArgumentException("--url is required");
            }
            api = RemoteApi.of(url, user, token);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        ObjectMapper json = new ObjectMapper();
        long read = 0;
        long created = 0;
        long blocklisted = 0;
        while (true) {
            String query = nextToken == null ? "" : "?next_token=" + URLEncoder.encode(nextToken, StandardCharsets.UTF_8);
            HttpResponse<String> answer = api.http().send(api.request("/api/suppressions/import" + query)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200 && answer.statusCode() != 202) {
                err.println("error: the import answered " + answer.statusCode() + ": " + answer.body());
                if (nextToken != null) {
                    err.println("resume with --next-token " + nextToken);
                }
                return 1;
            }
            JsonNode progress = json.readTree(answer.body()).path("data");
            read += progress.path("read").asLong();
            created += progress.path("created").asLong();
            blocklisted += progress.path("blocklisted").asLong();
            out.printf("read %d addresses: %d new blocklisted subscribers, %d existing ones blocklisted%n",
                    read, created, blocklisted);
            if (progress.path("done").asBoolean()) {
                out.println("import complete");
                return 0;
            }
            nextToken = progress.path("next_token").asText();
        }
    }
}
