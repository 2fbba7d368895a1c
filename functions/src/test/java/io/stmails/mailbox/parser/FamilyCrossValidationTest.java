package io.stmails.mailbox.parser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Leave-one-family-out scores on the development corpus: each family ({@code lhost-<mta>},
 * {@code rhost-<provider>}, {@code rfc3464}, {@code arf}..., from the file names) is scored on its
 * own, as a held-out set. The parser learns nothing from the corpus: its rules come from the
 * standards and the MTAs' documented formats, so holding a family out means scoring it with rules
 * none of which was written for that family alone; the spread between families, and the worst of
 * them, show how the rules carry to mail of a kind they were not checked on.
 *
 * <p>Prints per-family and mean class accuracy, the worst 5 families and the confusion matrix, and
 * writes them to {@code target/family-cross-validation.txt}.
 */
class FamilyCrossValidationTest {

    record FamilyScore(String family, CorpusRun.Score score) {
    }

    @Test
    void everyHeldOutFamilyIsMostlyRight() throws IOException {
        CorpusRun run = CorpusRun.run();
        List<FamilyScore> families = new ArrayList<>();
        for (String family : new TreeSet<>(run.matches.stream().map(m -> CorpusRun.family(m.file())).toList())) {
            CorpusRun.Score score = run.score(file -> CorpusRun.family(file).equals(family));
            if (score.scored() > 0) {
                families.add(new FamilyScore(family, score));
            }
        }
        double mean = families.stream().mapToDouble(f -> f.score().classAccuracy()).average().orElse(0);
        String report = report(run, families, mean);
        System.out.print(report);
        Files.writeString(Path.of("target", "family-cross-validation.txt"), report);
        assertTrue(mean >= 0.97, report);
    }

    private static String report(CorpusRun run, List<FamilyScore> families, double mean) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "leave-one-family-out: %d families, mean class accuracy %.4f; all rows: %s%n",
                families.size(), mean, run.score(file -> true)));
        List<FamilyScore> worst = families.stream()
                .sorted(Comparator.comparingDouble((FamilyScore f) -> f.score().classAccuracy())
                        .thenComparing(f -> -f.score().scored()))
                .limit(5).toList();
        out.append("worst 5 families:\n");
        worst.forEach(f -> out.append(String.format(Locale.ROOT, "  %-28s %.4f (%d/%d)%n", f.family(),
                f.score().classAccuracy(), f.score().correct(), f.score().scored())));
        out.append("confusion matrix (rows: expected, columns: predicted):\n");
        List<String> columns = new ArrayList<>(CorpusRun.CLASSES);
        columns.add("(missed)");
        out.append(String.format(Locale.ROOT, "  %-10s", ""));
        columns.forEach(c -> out.append(String.format(Locale.ROOT, "%10s", c)));
        out.append('\n');
        Map<String, Map<String, Integer>> confusion = run.confusion();
        for (String expected : CorpusRun.CLASSES) {
            Map<String, Integer> row = confusion.getOrDefault(expected, Map.of());
            out.append(String.format(Locale.ROOT, "  %-10s", expected));
            columns.forEach(c -> out.append(String.format(Locale.ROOT, "%10d", row.getOrDefault(c, 0))));
            out.append('\n');
        }
        out.append("reason disagreements (expected -> predicted: count, files):\n");
        run.reasonDisagreements().forEach((pair, files) -> out.append(String.format(Locale.ROOT, "  %-32s %2d %s%n",
                pair, files.size(), files)));
        out.append("per family (class accuracy, correct/scored):\n");
        families.forEach(f -> out.append(String.format(Locale.ROOT, "  %-28s %.4f (%d/%d)%n", f.family(),
                f.score().classAccuracy(), f.score().correct(), f.score().scored())));
        return out.toString();
    }
}
