package io.stmails.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.InvalidSettingsException;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.providers.catalog.ProviderCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The local runner's {@code --settings} and {@code --secrets} files, read through the documents' own parsers (the providers section included, as a provider function's start-up reads it); an error names the file and the field. */
final class SettingsFiles {
    private SettingsFiles() {
    }

    static Settings settings(Path file, ObjectMapper json) {
        try {
            Settings settings = Settings.parse(read(file, "settings"), json);
            ProviderCatalog.from(settings);
            return settings;
        } catch (InvalidSettingsException e) {
            throw new InvalidSettingsException(file + ": " + e.getMessage());
        }
    }

    static Secrets secrets(Path file, ObjectMapper json) {
        try {
            return Secrets.parse(read(file, "secrets"), json);
        } catch (InvalidSettingsException e) {
            throw new InvalidSettingsException(file + ": " + e.getMessage());
        }
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " file " + file, e);
        }
    }
}
