package io.stmails.mailbox.parser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The quality bar on the development corpus ({@code src/test/resources/bounce-corpus}), scored the way
 * its {@code score.py} scores the parse command's output: recipient recall at least 0.99, class
 * accuracy at least 0.98, recipient precision at least 0.995, and at most 1 in 200 soft bounces
 * called hard (calling a soft bounce hard blocklists a live subscriber).
 */
class BounceCorpusTest {

    @Test
    void meetsTheQualityBar() throws IOException {
        CorpusRun.Score score = CorpusRun.run().score(file -> true);
        String report = score.toString();
        assertTrue(score.recall() >= 0.99, report);
        assertTrue(score.classAccuracy() >= 0.98, report);
        assertTrue(score.precision() >= 0.995, report);
        assertTrue(score.softCalledHard() * 200 <= score.soft(), report);
    }
}
