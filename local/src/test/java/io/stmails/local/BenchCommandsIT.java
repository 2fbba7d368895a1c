package io.stmails.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The benchmark commands still run end to end and print their figures (with tiny sizes: these are not measurements). */
class BenchCommandsIT {
    /** Surefire and failsafe run in the module directory; the fixtures are at the repository root. */
    private static final String REPO = "..";

    @Test
    void benchCapacityPrintsUnitsAndCostForEveryPath() throws Exception {
        String out = run("bench-capacity", "--bounces", "3");
        String line = out.lines().findFirst().orElseThrow();
        for (String path : List.of("webhook", "ses", "postmark", "pop3", "webhook-trickle", "ses-trickle")) {
            assertTrue(Pattern.compile(" " + path + " \\d+\\.\\d\\d RCU \\d+\\.\\d\\d WCU \\$\\d+\\.\\d\\d").matcher(line).find(), line);
        }
        assertTrue(out.contains("$0.625/M write request units"), out);
        // A recorded bounce is at least one transactional write of two items and one count: never under 4 write units.
        var webhook = Pattern.compile(" webhook [\\d.]+ RCU ([\\d.]+) WCU").matcher(line);
        assertTrue(webhook.find());
        assertTrue(Double.parseDouble(webhook.group(1)) >= 4, line);
        // One record per batch shares nothing between bounces: never cheaper than batches of the same bounces.
        var trickle = Pattern.compile(" webhook-trickle [\\d.]+ RCU ([\\d.]+) WCU").matcher(line);
        assertTrue(trickle.find(), line);
        assertTrue(Double.parseDouble(trickle.group(1)) >= Double.parseDouble(webhook.group(1)), line);
    }

    @Test
    void benchPipelinePrintsBothRates() throws Exception {
        String out = run("bench-pipeline", "--bounces", "20", "--clients", "2");
        assertTrue(Pattern.compile("^bench-pipeline \\(20 bounces, 2 clients\\): \\d+ bounces/s acknowledged .* raw PutItem \\d+ items/s")
                .matcher(out).find(), out);
    }

    @Test
    void benchColdstartPrintsARatioPerFunction() throws Exception {
        String out = run("bench-coldstart", "--runs", "1");
        String line = out.lines().filter(l -> l.startsWith("bench-coldstart")).findFirst().orElseThrow(() -> new AssertionError(out));
        for (String function : List.of("webhook-bounce", "webhook-postmark", "ses-notifications", "ses-events", "api",
                "bounce-actions", "pop3-scanner")) {
            assertTrue(Pattern.compile(function + " \\d+ ms ratio \\d+\\.\\d\\d").matcher(line).find(), line);
        }
    }

    private static String run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--repo", REPO));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(all, Map.of(), out, out));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
