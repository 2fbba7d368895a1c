package io.stmails.local;

import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteException;
import com.almworks.sqlite4java.SQLiteJob;
import com.almworks.sqlite4java.SQLiteQueue;
import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local inside this JVM: no port is opened and telemetry is disabled. Data is kept in
 * {@code dataDir}/dynamodb-local.db (SQLite), or in memory when {@code dataDir} is null.
 *
 * <p>Every write is durable when the client returns. DynamoDB Local runs each SQLite statement as a
 * job on one queue thread and waits for it, except the {@code COMMIT} of a transaction
 * ({@code SQLiteDBAccess.commitTransaction} only enqueues it): a {@code TransactWriteItems} answered
 * by DynamoDB Local may still be uncommitted, and a kill then rolls it back. The client handed out
 * here therefore waits, after each transaction, for an empty job queued behind that {@code COMMIT}.
 * The connection runs with {@code synchronous = FULL} (and DynamoDB Local's rollback journal), so a
 * commit is on disk, not only in the page cache, when it completes.
 */
final class EmbeddedDynamo implements AutoCloseable {
    private static final boolean TELEMETRY_DISABLED = true;

    private final AmazonDynamoDBLocal local;
    private final DynamoDbClient client;

    EmbeddedDynamo(Path dataDir) {
        if (dataDir == null) {
            this.local = DynamoDBEmbedded.create(TELEMETRY_DISABLED);
        } else {
            File dir = dataDir.toFile();
            if (!dir.isDirectory() && !dir.mkdirs()) {
                throw new IllegalStateException("cannot create data directory " + dir);
            }
            this.local = DynamoDBEmbedded.create(new File(dir, "dynamodb-local.db"), TELEMETRY_DISABLED);
        }
        try {
            SQLiteQueue queue = sqliteQueue(local.dynamoDbClient());
            run(queue, connection -> connection.exec("PRAGMA synchronous = FULL"));
            this.client = awaitingCommits(local.dynamoDbClient(), queue);
        } catch (RuntimeException e) {
            local.shutdown();
            throw e;
        }
    }

    DynamoDbClient client() {
        return client;
    }

    DynamoDbStreamsClient streams() {
        return local.dynamoDbStreamsClient();
    }

    @Override
    public void close() {
        local.shutdown();
    }

    private static DynamoDbClient awaitingCommits(DynamoDbClient client, SQLiteQueue queue) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (method.getName().equals("transactWriteItems") || method.getName().equals("executeTransaction")) {
                            run(queue, connection -> null);
                        }
                    }
                });
    }

    private interface Work<T> {
        T on(SQLiteConnection connection) throws SQLiteException;
    }

    /** Runs work on DynamoDB Local's SQLite thread after every job queued before it, and waits for it. */
    private static <T> T run(SQLiteQueue queue, Work<T> work) {
        try {
            return queue.execute(new SQLiteJob<T>() {
                @Override
                protected T job(SQLiteConnection connection) throws SQLiteException {
                    return work.on(connection);
                }
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while waiting for DynamoDB Local to commit", e);
        } catch (ExecutionException e) {
            throw SdkClientException.create("DynamoDB Local's SQLite queue failed", e.getCause());
        }
    }

    /** DynamoDB Local 2.x: client proxy → DDBExceptionMappingInvocationHandler.impl → LocalDBClient.dbAccess → SQLiteDBAccess.queue. */
    private static SQLiteQueue sqliteQueue(DynamoDbClient client) {
        try {
            Object handler = Proxy.getInvocationHandler(client);
            Object localClient = field(handler, "impl");
            Object access = field(localClient, "dbAccess");
            return (SQLiteQueue) field(access, "queue");
        } catch (ReflectiveOperationException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalStateException("this DynamoDB Local does not have the internals that make its commits durable", e);
        }
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(owner);
            } catch (NoSuchFieldException e) {
                // declared further up
            }
        }
        throw new NoSuchFieldException(owner.getClass().getName() + "." + name);
    }
}
