package io.stmails.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stmails.config.InvalidSettingsException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @Test
    void defaultsToPort9000AndDataInTheWorkingDirectoryAndGeneratesAToken() throws Exception {
        LocalRunner.Config config = Main.parse(List.of(), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(9000, config.port());
        assertEquals(Path.of(".stmails-data"), config.dataDir());
        String token = config.secrets().apiUser("admin").orElseThrow().token();
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(token));
    }

    @Test
    void environmentCredentialsReplaceTheGeneratedToken() throws Exception {
        LocalRunner.Config config = Main.parse(List.of("--port", "9123", "--in-memory"),
                Map.of("STMAILS_API_USER", "me", "STMAILS_API_TOKEN", "t"), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(9123, config.port());
        assertNull(config.dataDir());
        assertTrue(config.secrets().apiUser("me").orElseThrow().may("webhooks:post_bounce"));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badOptionsAndSettingsAreNamed(@TempDir Path dir) throws Exception {
        PrintStream sink = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertThrows(IllegalArgumentException.class, () -> Main.parse(List.of("--port", "x"), Map.of(), sink));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(List.of("--bogus"), Map.of(), sink));
        assertThrows(IllegalArgumentException.class, () -> Main.parse(List.of(), Map.of("STMAILS_API_USER", "me"), sink));
        Path settings = dir.resolve("settings.json");
        Files.writeString(settings, "{\"actions\": {\"hard\": {\"action\": \"nuke\"}}}");
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> Main.parse(List.of("--settings", settings.toString()), Map.of(), sink));
        assertTrue(e.getMessage().contains("settings.json") && e.getMessage().contains("actions.hard.action"), e.getMessage());
    }
}
