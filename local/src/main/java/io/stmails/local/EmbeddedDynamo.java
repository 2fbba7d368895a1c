package io.stmails.local;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.io.File;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local inside this JVM: no port is opened and telemetry is disabled. Data is kept in
 * {@code dataDir}/dynamodb-local.db (SQLite), or in memory when {@code dataDir} is null.
 */
final class EmbeddedDynamo implements AutoCloseable {
    private static final boolean TELEMETRY_DISABLED = true;

    private final AmazonDynamoDBLocal local;

    EmbeddedDynamo(Path dataDir) {
        if (dataDir == null) {
            this.local = DynamoDBEmbedded.create(TELEMETRY_DISABLED);
            return;
        }
        File dir = dataDir.toFile();
        if (!dir.isDirectory() && !dir.mkdirs()) {
            throw new IllegalStateException("cannot create data directory " + dir);
        }
        this.local = DynamoDBEmbedded.create(new File(dir, "dynamodb-local.db"), TELEMETRY_DISABLED);
    }

    DynamoDbClient client() {
        return local.dynamoDbClient();
    }

    DynamoDbStreamsClient streams() {
        return local.dynamoDbStreamsClient();
    }

    @Override
    public void close() {
        local.shutdown();
    }
}
