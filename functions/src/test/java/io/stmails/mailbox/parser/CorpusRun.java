package io.stmails.mailbox.parser;

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
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The parser run over the development corpus ({@code src/test/resources/bounce-corpus}) and matched
 * to the expected rows the way its {@code score.py} does: per file, a prediction matches a row naming
 * its address (or an alternative spelling); a row whose recipient is a placeholder takes any
 * prediction left over; predictions matching nothing are spurious.
 */
final class CorpusRun {
    static final List<String> CLASSES = List.of("hard", "soft", "complaint", "unknown");

    /** One expected row and the prediction matched to it, or null when the parser missed it. */
    record Match(String file, String expectedClass, String expectedReason, BouncedRecipient predicted) {
        boolean scored() {
            return predicted != null && !expectedClass.equals("unknown");
        }

        boolean correct() {
            return scored() && predicted.type().wire().equals(expectedClass);
        }
    }

    final List<Match> matches = new ArrayList<>();
    final Map<String, Integer> spuriousByFile = new HashMap<>();

    private CorpusRun() {
    }

    static CorpusRun run() throws IOException {
        Path corpus = corpus();
        ObjectMapper json = new ObjectMapper();
        Map<String, List<JsonNode>> expected = new HashMap<>();
        for (String line : Files.readAllLines(corpus.resolve("expected.jsonl"))) {
            if (!line.isBlank()) {
                JsonNode row = json.readTree(line);
                expected.computeIfAbsent(row.get("file").asText(), f -> new ArrayList<>()).add(row);
            }
        }
        BounceParser parser = new BounceParser();
        CorpusRun run = new CorpusRun();
        for (String file : Files.readAllLines(corpus.resolve("files.txt"))) {
            if (file.isBlank()) {
                continue;
            }
            List<BouncedRecipient> predictions = new ArrayList<>(
                    parser.parse(Files.readAllBytes(corpus.resolve("emails").resolve(file))).recipients());
            List<JsonNode> pending = new ArrayList<>();
            for (JsonNode row : expected.getOrDefault(file, List.of())) {
                BouncedRecipient hit = row.get("recipient_is_placeholder").asBoolean() ? null : take(predictions, names(row));
                if (hit == null) {
                    pending.add(row);
                } else {
                    run.matches.add(match(file, row, hit));
                }
            }
            for (JsonNode row : pending) {
                boolean placeholder = row.get("recipient_is_placeholder").asBoolean() && !predictions.isEmpty();
                run.matches.add(match(file, row, placeholder ? predictions.remove(0) : null));
            }
            if (!predictions.isEmpty()) {
                run.spuriousByFile.put(file, predictions.size());
            }
        }
        return run;
    }

    /** The family a corpus file belongs to: its name without the number ({@code lhost-postfix-13.eml} is {@code lhost-postfix}). */
    static String family(String file) {
        String name = file.substring(file.lastIndexOf('/') + 1).replaceFirst("\\.eml$", "");
        return name.replaceFirst("-\\d+$", "");
    }

    Score score(Predicate<String> files) {
        int rows = 0;
        int matched = 0;
        int scored = 0;
        int correct = 0;
        int soft = 0;
        int softCalledHard = 0;
        for (Match match : matches) {
            if (!files.test(match.file())) {
                continue;
            }
            rows++;
            matched += match.predicted() == null ? 0 : 1;
            scored += match.scored() ? 1 : 0;
            correct += match.correct() ? 1 : 0;
            if (match.expectedClass().equals("soft")) {
                soft++;
                softCalledHard += match.predicted() != null && match.predicted().type().wire().equals("hard") ? 1 : 0;
            }
        }
        int spurious = spuriousByFile.entrySet().stream().filter(e -> files.test(e.getKey())).mapToInt(Map.Entry::getValue).sum();
        return new Score(rows, matched, scored, correct, spurious, soft, softCalledHard);
    }

    /** Expected class by predicted class (or {@code (missed)}). */
    Map<String, Map<String, Integer>> confusion() {
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        for (Match match : matches) {
            String predicted = match.predicted() == null ? "(missed)" : match.predicted().type().wire();
            counts.computeIfAbsent(match.expectedClass(), c -> new HashMap<>()).merge(predicted, 1, Integer::sum);
        }
        return counts;
    }

    /** Matched rows whose predicted reason differs from the expected one, by "expected -> predicted". */
    Map<String, List<String>> reasonDisagreements() {
        Map<String, List<String>> pairs = new TreeMap<>();
        for (Match match : matches) {
            if (match.predicted() != null && !match.expectedReason().equals(match.predicted().reason())) {
                String pair = match.expectedReason() + " -> " + match.predicted().reason()
                        + (match.correct() || match.expectedClass().equals("unknown") ? "" : " (class)");
                pairs.computeIfAbsent(pair, p -> new ArrayList<>()).add(match.file().substring(match.file().lastIndexOf('/') + 1));
            }
        }
        return pairs;
    }

    record Score(int rows, int matched, int scored, int correct, int spurious, int soft, int softCalledHard) {
        double recall() {
            return rows == 0 ? 1 : (double) matched / rows;
        }

        double classAccuracy() {
            return scored == 0 ? 1 : (double) correct / scored;
        }

        double precision() {
            return matched + spurious == 0 ? 1 : (double) matched / (matched + spurious);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "recall %.4f, class accuracy %.4f (%d/%d), precision %.4f, soft called hard %d of %d (n=%d)",
                    recall(), classAccuracy(), correct, scored, precision(), softCalledHard, soft, rows);
        }
    }

    private static Match match(String file, JsonNode row, BouncedRecipient predicted) {
        return new Match(file, row.get("class").asText(), row.get("reason").asText(), predicted);
    }

    private static Set<String> names(JsonNode row) {
        Set<String> names = new HashSet<>();
        names.add(row.get("recipient").asText().toLowerCase(Locale.ROOT));
        row.get("recipient_alt").forEach(alt -> names.add(alt.asText().toLowerCase(Locale.ROOT)));
        return names;
    }

    private static BouncedRecipient take(List<BouncedRecipient> predictions, Set<String> names) {
        for (int i = 0; i < predictions.size(); i++) {
            if (names.contains(predictions.get(i).address().toLowerCase(Locale.ROOT))) {
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
        URL files = CorpusRun.class.getClassLoader().getResource("bounce-corpus/files.txt");
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
