package io.stmails.mailbox.parser;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The quality bar on the development corpus ({@code src/test/resources/bounce-corpus}),
 * scored the way {@code score.py} scores the parse command's output: recipient recall at least 0.98,
 * class accuracy at least 0.97, recipient precision at least 0.99.
 */
class BounceCorpusTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void meetsTheQualityBar() throws IOException {
        Path corpus = corpus();
        List<String> files = Files.readAllLines(corpus.resolve("files.txt")).stream().filter(l -> !l.isBlank()).toList();
        Map<String, List<JsonNode>> expected = new HashMap<>();
        for (String line : Files.readAllLines(corpus.resolve("expected.jsonl"))) {
            if (!line.isBlank()) {
                JsonNode row = json.readTree(line);
                expected.computeIfAbsent(row.get("file").asText(), f -> new ArrayList<>()).add(row);
            }
        }
        BounceParser parser = new BounceParser();
        int rows = 0;
        int matched = 0;
        int scored = 0;
        int correct = 0;
        int spurious = 0;
        for (String file : files) {
            List<BouncedRecipient> predictions = new ArrayList<>(
                    parser.parse(Files.readAllBytes(corpus.resolve("emails").resolve(file))).recipients());
            List<JsonNode> pending = new ArrayList<>();
            for (JsonNode row : expected.getOrDefault(file, List.of())) {
                rows++;
                BouncedRecipient hit = row.get("recipient_is_placeholder").asBoolean() ? null : take(predictions, names(row));
                if (hit == null) {
                    pending.add(row);
                } else {
                    matched++;
                    if (!row.get("class").asText().equals("unknown")) {
                        scored++;
                        correct += row.get("class").asText().equals(hit.type().wire()) ? 1 : 0;
                    }
                }
            }
            for (JsonNode row : pending) {
                if (row.get("recipient_is_placeholder").asBoolean() && !predictions.isEmpty()) {
                    BouncedRecipient hit = predictions.remove(0);
                    matched++;
                    scored++;
                    correct += row.get("class").asText().equals(hit.type().wire()) ? 1 : 0;
                }
            }
            spurious += predictions.size();
        }
        double recall = (double) matched / rows;
        double classAccuracy = (double) correct / scored;
        double precision = (double) matched / (matched + spurious);
        String score = String.format(Locale.ROOT, "recall %.4f, class accuracy %.4f, precision %.4f (n=%d)",
                recall, classAccuracy, precision, rows);
        assertTrue(recall >= 0.98, score);
        assertTrue(classAccuracy >= 0.97, score);
        assertTrue(precision >= 0.99, score);
    }

    private static Set<String> names(JsonNode row) {
        Set<String> names = new HashSet<>();
        names.add(row.get("recipient").asText().toLowerCase(Locale.ROOT));
        row.get("recipient_alt").forEach(alt -> names.add(alt.asText().toLowerCase(Locale.ROOT)));
        return names;
    }

    private static BouncedRecipient take(List<BouncedRecipient> predictions, Set<String> names) {
        for (int i = 0; i < predictions.size(); i++) {
            if (names.contains(predictions.get(i).address())) {
                return predictions.remove(i);
            }
        }
        return null;
    }

    /**
     * The corpus as copied to the test classpath from {@code src/test/resources/bounce-corpus}: a directory,
     * since the messages are read as files.
     */
    static Path corpus() {
        URL files = BounceCorpusTest.class.getClassLoader().getResource("bounce-corpus/files.txt");
        if (files == null) {
            fail("the bounce corpus is missing from the test classpath (src/test/resources/bounce-corpus)");
        }
        try {
            return Path.of(files.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
