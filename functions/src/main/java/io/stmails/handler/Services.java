package io.stmails.handler;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.actions.ActionPublisher;
import io.stmails.actions.ApiBlocklist;
import io.stmails.actions.ApiDeletion;
import io.stmails.actions.Erasure;
import io.stmails.actions.Reactivation;
import io.stmails.actions.SuppressionImport;
import io.stmails.actions.SuppressionSync;
import io.stmails.actions.BounceStreamProcessor;
import io.stmails.actions.SnsActionPublisher;
import io.stmails.actions.ThresholdProcessor;
import io.stmails.api.ApiRoute;
import io.stmails.api.ApiRouter;
import io.stmails.api.BounceApi;
import io.stmails.api.MailboxesApi;
import io.stmails.api.MeApi;
import io.stmails.api.SettingsApi;
import io.stmails.api.SubscriberActionsApi;
import io.stmails.api.ReactivationApi;
import io.stmails.api.SuppressionApi;
import io.stmails.api.SubscriberApi;
import io.stmails.config.ApiUser;
import io.stmails.config.InvalidSettingsException;
import io.stmails.config.Secrets;
import io.stmails.config.SecretsManagerSource;
import io.stmails.config.SecretsSource;
import io.stmails.config.Settings;
import io.stmails.http.ApiAuthenticator;
import io.stmails.http.Responses;
import io.stmails.metrics.BounceMetrics;
import io.stmails.metrics.emf.PowertoolsMetrics;
import io.stmails.providers.catalog.ProviderCatalog;
import io.stmails.record.BounceRecorder;
import io.stmails.sns.SdkSubscriptionConfirmer;
import io.stmails.sns.SubscriptionConfirmer;
import io.stmails.store.BounceStore;
import io.stmails.store.ScanLog;
import io.stmails.store.StatsStore;
import io.stmails.store.SubscriberHistory;
import io.stmails.store.SubscriberStore;
import io.stmails.store.dynamodb.DynamoBounceStore;
import io.stmails.store.dynamodb.DynamoScanLog;
import io.stmails.store.dynamodb.DynamoStatsStore;
import io.stmails.store.dynamodb.DynamoSubscriberHistory;
import io.stmails.store.dynamodb.DynamoSubscriberStore;
import io.stmails.store.dynamodb.Tables;
import io.stmails.suppression.CountedSuppressionList;
import io.stmails.suppression.SuppressionList;
import io.stmails.suppression.sesv2.SesSuppressionList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Everything the handlers need, built once per runtime: in AWS from environment variables, on a
 * laptop and in tests through {@link #builder()}. Builds clients but opens no connection and reads
 * no secret, so it is safe to run before a SnapStart snapshot.
 *
 * <p>Environment: {@code STMAILS_SETTINGS} (the settings JSON), {@code STMAILS_SECRET_ID}
 * (Secrets Manager secret holding the secrets JSON), {@code STMAILS_SES_TOPIC_ARN} (the stack's SES
 * topic, added to {@code ses.topic_arns}), {@code STMAILS_TABLE_PREFIX} (default
 * {@code stmails-}), {@code STMAILS_ACTIONS_TOPIC_ARN} (optional), {@code STMAILS_DYNAMODB_ENDPOINT}
 * (optional, for DynamoDB Local). With {@code ses.suppression_sync} on, decisions reach SES's
 * account-level suppression list through the SES API v2.
 */
public final class Services {
    private static Services fromEnvironment;

    private final ObjectMapper json;
    private final Settings settings;
    private final SecretsSource secrets;
    private final SubscriberStore subscribers;
    private final BounceStore bounces;
    private final StatsStore stats;
    private final ScanLog scanLog;
    private final ActionPublisher publisher;
    private final SubscriberHistory history;
    private final SuppressionList suppressionList;
    private final Supplier<Instant> clock;
    private final Responses responses;
    private final SubscriptionConfirmer subscriptionConfirmer;
    private final BounceMetrics metrics;

    private Services(Builder builder) {
        this.json = builder.json;
        this.settings = builder.settings;
        this.secrets = builder.secrets;
        this.clock = builder.clock;
        this.metrics = builder.metrics;
        this.subscribers = new DynamoSubscriberStore(builder.dynamo, builder.tables, clock);
        this.bounces = new DynamoBounceStore(builder.dynamo, builder.tables, clock);
        this.stats = new DynamoStatsStore(builder.dynamo, builder.tables, clock);
        this.scanLog = new DynamoScanLog(builder.dynamo, builder.tables);
        this.publisher = builder.publisher;
        this.history = new DynamoSubscriberHistory(builder.dynamo, builder.tables);
        this.suppressionList = suppressionList(settings, builder.suppressionList, metrics);
        this.responses = new Responses(json);
        this.subscriptionConfirmer = builder.subscriptionConfirmer;
    }

    public static synchronized Services fromEnvironment() {
        if (fromEnvironment == null) {
            fromEnvironment = buildFromEnvironment(System.getenv());
        }
        return fromEnvironment;
    }

    static Services buildFromEnvironment(Map<String, String> env) {
        ObjectMapper json = new ObjectMapper();
        Region region = Region.of(env.getOrDefault("AWS_REGION", "us-east-1"));
        Builder builder = builder().json(json)
                .metrics(new PowertoolsMetrics())
                .settings(settingsFrom(env, json))
                .tables(Tables.withPrefix(env.getOrDefault("STMAILS_TABLE_PREFIX", "stmails-")));
        String endpoint = env.get("STMAILS_DYNAMODB_ENDPOINT");
        builder.dynamo(endpoint == null
                ? DynamoDbClient.builder().region(region).httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build()
                : localDynamo(endpoint));
        String secretId = env.get("STMAILS_SECRET_ID");
        if (secretId != null && !secretId.isBlank()) {
            SecretsManagerClient client = SecretsManagerClient.builder().region(region)
                    .httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build();
            builder.secrets(new SecretsManagerSource(client, secretId, json, Instant::now));
        }
        builder.subscriptionConfirmer(new SdkSubscriptionConfirmer(EnvironmentVariableCredentialsProvider.create()));
        String topic = env.get("STMAILS_ACTIONS_TOPIC_ARN");
        if (topic != null && !topic.isBlank()) {
            SnsClient sns = SnsClient.builder().region(region).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build();
            builder.publisher(new SnsActionPublisher(sns, topic, json));
        }
        if (builder.settings.ses().suppressionSync()) {
            builder.suppressionList(new SesSuppressionList(SesV2Client.builder().region(region)
                    .httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(EnvironmentVariableCredentialsProvider.create()).build()));
        }
        return builder.build();
    }

    /** Decisions reach the suppression list only when {@code ses.suppression_sync} says so. */
    private static SuppressionList suppressionList(Settings settings, SuppressionList configured, BounceMetrics metrics) {
        if (!settings.ses().suppressionSync()) {
            return SuppressionList.DISABLED;
        }
        if (configured == null) {
            throw new IllegalStateException("ses.suppression_sync is on but no suppression list is configured");
        }
        return new CountedSuppressionList(configured, metrics);
    }

    /** The settings document, plus the stack's own SES topic (its ARN exists only once deployed). */
    private static Settings settingsFrom(Map<String, String> env, ObjectMapper json) {
        Settings settings = Settings.parse(env.getOrDefault("STMAILS_SETTINGS", "{}"), json);
        String sesTopic = env.get("STMAILS_SES_TOPIC_ARN");
        return sesTopic == null || sesTopic.isBlank() ? settings : settings.withSesTopic(sesTopic);
    }

    /** A client for DynamoDB Local on loopback (dummy credentials; DynamoDB Local ignores them). */
    public static DynamoDbClient localDynamo(String endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    /** Reads a settings file, failing with a message that names the file and the field. */
    public static Settings readSettings(Path file, ObjectMapper json) {
        try {
            Settings settings = Settings.parse(Files.readString(file), json);
            ProviderCatalog.from(settings);
            return settings;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read settings file " + file, e);
        } catch (InvalidSettingsException e) {
            throw new InvalidSettingsException(file + ": " + e.getMessage());
        }
    }

    /** Stored times have millisecond precision; answering with more would not round-trip. */
    private static Instant nowInMillis() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public static Builder builder() {
        return new Builder();
    }

    public ObjectMapper json() {
        return json;
    }

    public Settings settings() {
        return settings;
    }

    public SecretsSource secrets() {
        return secrets;
    }

    public SubscriberStore subscribers() {
        return subscribers;
    }

    public BounceStore bounces() {
        return bounces;
    }

    public Supplier<Instant> clock() {
        return clock;
    }

    public Responses responses() {
        return responses;
    }

    /** Confirms SNS HTTPS subscriptions through the SNS API; {@link SubscriptionConfirmer#UNAVAILABLE} unless set. */
    public SubscriptionConfirmer subscriptionConfirmer() {
        return subscriptionConfirmer;
    }

    /** Counted by the recorder, the gate, the threshold processor, the suppression list and the scanner; flushed per invocation. */
    public BounceMetrics metrics() {
        return metrics;
    }

    public ApiAuthenticator authenticator() {
        return new ApiAuthenticator(secrets, responses);
    }

    public BounceRecorder recorder() {
        return new BounceRecorder(subscribers, bounces, settings.bounce(), clock, metrics);
    }

    public ThresholdProcessor thresholdProcessor() {
        return new ThresholdProcessor(subscribers, bounces, settings.bounce(), publisher, suppressionSync(), clock, metrics);
    }

    public SubscriberHistory history() {
        return history;
    }

    /** The account's suppression list: SES's, a stand-in, or {@link SuppressionList#DISABLED}. */
    public SuppressionList suppressionList() {
        return suppressionList;
    }

    private SuppressionSync suppressionSync() {
        return new SuppressionSync(suppressionList, history, bounces, clock);
    }

    public Reactivation reactivation() {
        return new Reactivation(subscribers, history, bounces, suppressionList, publisher, clock);
    }

    public StatsStore stats() {
        return stats;
    }

    /** The latest outcome of each mailbox's scheduled scan. */
    public ScanLog scanLog() {
        return scanLog;
    }

    public BounceStreamProcessor streamProcessor() {
        return new BounceStreamProcessor(thresholdProcessor(), stats);
    }

    public ApiRouter apiRouter() {
        ApiBlocklist blocklist = new ApiBlocklist(subscribers, suppressionSync(), clock);
        List<ApiRoute> routes = new ArrayList<>(new BounceApi(bounces, subscribers, stats, blocklist, responses, json,
                clock).routes());
        routes.addAll(new ReactivationApi(reactivation(), bounces, responses, json, clock).routes());
        routes.addAll(new SubscriberApi(subscribers, bounces, new ApiDeletion(subscribers, bounces, suppressionSync(), clock),
                new Erasure(subscribers, history, bounces, suppressionList), responses, json, clock).routes());
        routes.addAll(new SuppressionApi(suppressionList, new SuppressionImport(suppressionList, subscribers,
                settings.bounce().blocklistUnsubscribesLists(), clock), responses, json, clock).routes());
        routes.addAll(new SubscriberActionsApi(history, suppressionList, responses, json).routes());
        routes.addAll(new SettingsApi(settings, responses, json).routes());
        routes.addAll(new MailboxesApi(settings, scanLog, responses, json).routes());
        Set<String> permissions = new TreeSet<>();
        routes.stream().map(ApiRoute::permission).filter(Objects::nonNull).forEach(permissions::add);
        routes.addAll(new MeApi(authenticator(), permissions, responses, json).routes());
        return new ApiRouter(routes, authenticator(), responses);
    }

    public static final class Builder {
        private ObjectMapper json = new ObjectMapper();
        private Settings settings = Settings.defaults();
        private SecretsSource secrets = Secrets::empty;
        private DynamoDbClient dynamo;
        private Tables tables = Tables.withPrefix("stmails-");
        private ActionPublisher publisher = ActionPublisher.NONE;
        private SuppressionList suppressionList;
        private Supplier<Instant> clock = Services::nowInMillis;
        private SubscriptionConfirmer subscriptionConfirmer = SubscriptionConfirmer.UNAVAILABLE;
        private BounceMetrics metrics = BounceMetrics.NONE;

        public Builder json(ObjectMapper json) {
            this.json = json;
            return this;
        }

        public Builder settings(Settings settings) {
            this.settings = settings;
            return this;
        }

        public Builder secrets(SecretsSource secrets) {
            this.secrets = secrets;
            return this;
        }

        /** A fixed secrets document plus one full-permission API user. */
        public Builder secrets(Secrets base, String apiUser, String apiToken) {
            Secrets withUser = base.withApiUser(new ApiUser(apiUser, apiToken, Set.of(ApiUser.ALL)));
            this.secrets = () -> withUser;
            return this;
        }

        public Builder dynamo(DynamoDbClient dynamo) {
            this.dynamo = dynamo;
            return this;
        }

        public Builder tables(Tables tables) {
            this.tables = tables;
            return this;
        }

        public Builder publisher(ActionPublisher publisher) {
            this.publisher = publisher;
            return this;
        }

        /** Used when {@code ses.suppression_sync} is on: SES's list in AWS, a stand-in locally and in tests. */
        public Builder suppressionList(SuppressionList suppressionList) {
            this.suppressionList = suppressionList;
            return this;
        }

        public Builder clock(Supplier<Instant> clock) {
            this.clock = clock;
            return this;
        }

        public Builder subscriptionConfirmer(SubscriptionConfirmer subscriptionConfirmer) {
            this.subscriptionConfirmer = subscriptionConfirmer;
            return this;
        }

        /** Where the business metrics go: {@link BounceMetrics#NONE} unless set (Lambda and the local runner write EMF). */
        public Builder metrics(BounceMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        public Services build() {
            if (dynamo == null) {
                throw new IllegalStateException("a DynamoDB client is required");
            }
            return new Services(this);
        }
    }
}
