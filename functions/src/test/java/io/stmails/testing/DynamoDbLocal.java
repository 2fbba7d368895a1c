package io.stmails.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.stmails.wiring.AwsClients;
import io.stmails.wiring.Components;
import io.stmails.store.dynamodb.TableDefinitions;
import io.stmails.store.dynamodb.Tables;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One in-memory DynamoDB Local per test JVM, on a free loopback port, telemetry disabled. Each
 * caller of {@link #freshTables()} gets its own table names, so test classes never see each other's data.
 */
public final class DynamoDbLocal {
    private static final AtomicInteger TABLE_SETS = new AtomicInteger();
    private static String endpoint;
    private static DynamoDbClient client;

    private DynamoDbLocal() {
    }

    public static synchronized String endpoint() {
        if (endpoint == null) {
            try {
                int port = freePort();
                DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                        "-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
                server.start();
                endpoint = "http://127.0.0.1:" + port;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.stop();
                    } catch (Exception ignored) {
                        // The JVM is going away.
                    }
                }));
            } catch (Exception e) {
                throw new IllegalStateException("DynamoDB Local did not start", e);
            }
        }
        return endpoint;
    }

    public static synchronized DynamoDbClient client() {
        if (client == null) {
            client = clientFor(endpoint());
        }
        return client;
    }

    /** A client of a DynamoDB Local (or of nothing) at the endpoint, with dummy credentials, as the local runner makes it. */
    public static DynamoDbClient clientFor(String endpoint) {
        return new AwsClients(Region.US_EAST_1, StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
                URI.create(endpoint), List.of()).dynamo();
    }

    /** New, empty tables with a unique prefix. */
    public static Tables freshTables() {
        Tables tables = Tables.withPrefix("t" + TABLE_SETS.incrementAndGet() + "-");
        TableDefinitions.createIfMissing(client(), tables);
        return tables;
    }

    /** A components builder on fresh tables of this DynamoDB Local. */
    public static Components.Builder services() {
        return Components.builder().dynamo(client()).tables(freshTables());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
