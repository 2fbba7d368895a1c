package io.stmails.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code cdk synth} runs cdk.json's app: Maven offline. Offline Maven finds only plugins that an
 * earlier build downloaded, so the app must run the very build that the README's {@code mvn package}
 * runs: no profile (a profile's plugins are never downloaded by the normal build) and no property
 * the infra module does not declare.
 */
class CdkAppCommandTest {

    private static final Path INFRA_POM = Path.of("..", "infra", "pom.xml");

    @Test
    void theAppRunsTheNormalBuildOffline() throws IOException {
        List<String> app = Arrays.asList(new ObjectMapper().readTree(Synthesized.CDK_JSON.toFile()).get("app").asText().split("\\s+"));
        assertEquals("mvn", app.get(0));
        assertTrue(app.contains("-o"), "offline, so synth needs no network: " + app);
        assertTrue(app.contains("package"), app.toString());
        assertFalse(app.stream().anyMatch(word -> word.startsWith("-P")), "a profile's plugins are not resolved by `mvn package`: " + app);

        String pom = Files.readString(INFRA_POM);
        for (String word : app) {
            if (word.startsWith("-D") && !word.equals("-DskipTests")) {
                String property = word.substring(2, word.indexOf('='));
                assertTrue(pom.contains("<" + property + ">"), "infra/pom.xml declares " + property);
            }
        }
    }
}
