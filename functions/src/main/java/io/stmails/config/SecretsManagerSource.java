package io.stmails.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.store.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads the secrets document from AWS Secrets Manager on first use (never during a SnapStart
 * snapshot) and again after {@link #REFRESH}, so a rotated token takes effect within minutes.
 */
public final class SecretsManagerSource implements SecretsSource {
    static final Duration REFRESH = Duration.ofMinutes(5);

    private final SecretsManagerClient client;
    private final String secretId;
    private final ObjectMapper json;
    private final Supplier<Instant> clock;
    private Secrets cached;
    private Instant fetchedAt;

    public SecretsManagerSource(SecretsManagerClient client, String secretId, ObjectMapper json, Supplier<Instant> clock) {
        this.client = client;
        this.secretId = secretId;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public synchronized Secrets current() {
        Instant now = clock.get();
        if (cached == null || now.isAfter(fetchedAt.plus(REFRESH))) {
            try {
                String value = client.getSecretValue(b -> b.secretId(secretId)).secretString();
                cached = value == null || value.isBlank() ? Secrets.empty() : Secrets.parse(value, json);
                fetchedAt = now;
            } catch (SdkException e) {
                if (cached == null) {
                    throw new StorageException("reading the secrets document failed", e);
                }
                // Keep serving the last good copy while Secrets Manager is unreachable.
            }
        }
        return cached;
    }
}
