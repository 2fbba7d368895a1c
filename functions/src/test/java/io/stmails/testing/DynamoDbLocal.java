package io.stmails.testing;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import io.stmails.handler.Services;
import io.stmails.store.dynamodb.TableDefinitions;
import io.stmails.store.dynamodb.Tables;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;
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
            client = Services.localDynamo(endpoint());
        }
        return client;
    }

    /** New, empty tables with a unique prefix. */
    public static Tables freshTables() {
        Tables tables = Tables.withPrefix("t" + TABLE_SETS.incrementAndGet() + "-");
        TableDefinitions.createIfMissing(client(), tables);
        return tables;
    }

    /** A services builder on fresh tables of this DynamoDB Local. */
    public static Services.Builder services() {
        return Services.builder().dynamo(client()).tables(freshTables());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
