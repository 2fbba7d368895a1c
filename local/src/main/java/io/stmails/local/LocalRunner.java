package io.stmails.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.wiring.Components;
import io.stmails.metrics.emf.PowertoolsMetrics;
import io.stmails.store.dynamodb.DynamoSuppressionList;
import io.stmails.store.dynamodb.TableDefinitions;
import io.stmails.store.dynamodb.Tables;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The whole system on one machine: embedded DynamoDB Local, the tables, every function behind
 * 127.0.0.1, the stream feeding {@code bounce-actions}, and the mailbox scan schedule. Closing it
 * stops taking requests, lets the ones in progress and a running scan finish, drains the stream
 * batch in hand and closes the database.
 */
public final class LocalRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRunner.class);

    /**
     * @param dataDir where DynamoDB Local keeps its data; null runs in memory
     */
    public record Config(int port, Path dataDir, Settings settings, Secrets secrets) {
    }

    private final EmbeddedDynamo dynamo;
    private final Components components;
    private final HttpFront http;
    private final StreamPoller poller;
    private final MailboxScans mailboxScans;

    private LocalRunner(EmbeddedDynamo dynamo, Components components, HttpFront http, StreamPoller poller,
            MailboxScans mailboxScans) {
        this.dynamo = dynamo;
        this.components = components;
        this.http = http;
        this.poller = poller;
        this.mailboxScans = mailboxScans;
    }

    public static LocalRunner start(Config config) throws IOException {
        ObjectMapper json = new ObjectMapper();
        EmbeddedDynamo dynamo = new EmbeddedDynamo(config.dataDir());
        try {
            Tables tables = Tables.withPrefix("stmails-");
            DynamoDbClient client = dynamo.client();
            TableDefinitions.createIfMissing(client, tables);
            Components.Builder builder = Components.builder()
                    .json(json)
                    .settings(config.settings())
                    .metrics(new PowertoolsMetrics())
                    .secrets(config::secrets)
                    .dynamo(client)
                    .tables(tables);
            if (config.settings().ses().suppressionSync()) {
                // SES's account-level suppression list, kept in a local table so the loop can be tried here.
                builder.suppressionList(DynamoSuppressionList.createIfMissing(client, tables, Instant::now));
            }
            Components components = builder.build();
            LocalFunctions functions = new LocalFunctions(components);
            String streamArn = client.describeTable(b -> b.tableName(tables.bounces())).table().latestStreamArn();
            StreamPoller poller = new StreamPoller(dynamo.streams(), streamArn, functions, json, config.dataDir());
            HttpFront http = new HttpFront(config.port(), functions::invoke, json);
            poller.start();
            http.start();
            return new LocalRunner(dynamo, components, http, poller, new MailboxScans(config.settings(), functions, json));
        } catch (IOException | RuntimeException e) {
            dynamo.close();
            throw e;
        }
    }

    public int port() {
        return http.port();
    }

    /** The runner's DynamoDB client, for the bench command that compares with raw writes. */
    DynamoDbClient dynamoClient() {
        return dynamo.client();
    }

    /** The parts the functions run on, for the bench command that seeds data through them. */
    Components components() {
        return components;
    }

    @Override
    public void close() {
        http.close();
        try {
            mailboxScans.close();
            poller.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dynamo.close();
        LOG.info("stopped");
    }
}
