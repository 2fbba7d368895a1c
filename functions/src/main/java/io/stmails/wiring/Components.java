package io.stmails.wiring;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.actions.ActionPublisher;
import io.stmails.actions.Reactivation;
import io.stmails.actions.SuppressionSync;
import io.stmails.actions.ThresholdProcessor;
import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.config.SecretsSource;
import io.stmails.config.Settings;
import io.stmails.http.ApiAuthenticator;
import io.stmails.http.Responses;
import io.stmails.metrics.BounceMetrics;
import io.stmails.providers.ProviderSettings;
import io.stmails.providers.catalog.ProviderCatalog;
import io.stmails.record.BounceRecorder;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The parts the functions are built from: settings, secrets, the stores over one DynamoDB client,
 * the recorder, the threshold step, metrics and the clock. Each function takes only the parts it
 * uses ({@link FunctionWiring}); every store and every AWS-backed part is made on first use, so a
 * function never builds what its path does not reach. Built from the environment in Lambda
 * ({@link LambdaWiring}), through {@link #builder()} by the local runner and the tests.
 */
public final class Components {
    private final ObjectMapper json;
    private final Settings settings;
    private final SecretsSource secrets;
    private final Supplier<Instant> clock;
    private final BounceMetrics metrics;
    private final SubscriptionConfirmer subscriptionConfirmer;
    private final Lazy<Responses> responses;
    private final Lazy<SubscriberStore> subscribers;
    private final Lazy<BounceStore> bounces;
    private final Lazy<StatsStore> stats;
    private final Lazy<ScanLog> scanLog;
    private final Lazy<SubscriberHistory> history;
    private final Lazy<ActionPublisher> publisher;
    private final Lazy<SuppressionList> suppressionList;
    private final Lazy<ProviderSettings> providers;

    private Components(Builder builder) {
        DynamoDbClient dynamo = Objects.requireNonNull(builder.dynamo, "a DynamoDB client is required");
        Tables tables = builder.tables;
        this.json = builder.json;
        this.settings = builder.settings;
        this.secrets = builder.secrets;
        this.clock = builder.clock;
        this.metrics = builder.metrics;
        this.subscriptionConfirmer = builder.subscriptionConfirmer;
        this.responses = Lazy.of(() -> new Responses(json));
        this.subscribers = Lazy.of(() -> new DynamoSubscriberStore(dynamo, tables, clock));
        this.bounces = Lazy.of(() -> new DynamoBounceStore(dynamo, tables, clock));
        this.stats = Lazy.of(() -> new DynamoStatsStore(dynamo, tables, clock));
        this.scanLog = Lazy.of(() -> new DynamoScanLog(dynamo, tables));
        this.history = Lazy.of(() -> new DynamoSubscriberHistory(dynamo, tables));
        this.publisher = Lazy.of(builder.publisher);
        Supplier<SuppressionList> configured = builder.suppressionList;
        this.suppressionList = Lazy.of(() -> suppressionList(settings, configured, metrics));
        this.providers = Lazy.of(() -> ProviderCatalog.from(settings));
    }

    /** Decisions reach the suppression list only when {@code ses.suppression_sync} says so. */
    private static SuppressionList suppressionList(Settings settings, Supplier<SuppressionList> configured,
            BounceMetrics metrics) {
        if (!settings.ses().suppressionSync()) {
            return SuppressionList.DISABLED;
        }
        if (configured == null) {
            throw new IllegalStateException("ses.suppression_sync is on but no suppression list is configured");
        }
        return new CountedSuppressionList(configured.get(), metrics);
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

    /**
     * The providers the {@code providers} section enables, read from it once.
     *
     * @throws io.stmails.config.InvalidSettingsException when the section is wrong
     */
    public ProviderSettings providers() {
        return providers.get();
    }

    public SecretsSource secrets() {
        return secrets;
    }

    /** Millisecond precision unless a test sets another: stored times have milliseconds, and answering with more would not round-trip. */
    public Supplier<Instant> clock() {
        return clock;
    }

    /** Counted by every component; flushed per invocation. */
    public BounceMetrics metrics() {
        return metrics;
    }

    /** Confirms SNS HTTPS subscriptions; {@link SubscriptionConfirmer#UNAVAILABLE} unless set. */
    public SubscriptionConfirmer subscriptionConfirmer() {
        return subscriptionConfirmer;
    }

    public Responses responses() {
        return responses.get();
    }

    public SubscriberStore subscribers() {
        return subscribers.get();
    }

    public BounceStore bounces() {
        return bounces.get();
    }

    public StatsStore stats() {
        return stats.get();
    }

    /** The latest outcome of each mailbox's scheduled scan. */
    public ScanLog scanLog() {
        return scanLog.get();
    }

    public SubscriberHistory history() {
        return history.get();
    }

    public ActionPublisher publisher() {
        return publisher.get();
    }

    /** The account's suppression list: SES's, a stand-in, or {@link SuppressionList#DISABLED}. */
    public SuppressionList suppressionList() {
        return suppressionList.get();
    }

    public ApiAuthenticator authenticator() {
        return new ApiAuthenticator(secrets, responses());
    }

    public BounceRecorder recorder() {
        return new BounceRecorder(subscribers(), bounces(), settings.bounce(), clock, metrics);
    }

    public SuppressionSync suppressionSync() {
        return new SuppressionSync(suppressionList(), history(), bounces(), clock);
    }

    public ThresholdProcessor thresholdProcessor() {
        return new ThresholdProcessor(subscribers(), bounces(), settings.bounce(), publisher(), suppressionSync(), clock,
                metrics);
    }

    public Reactivation reactivation() {
        return new Reactivation(subscribers(), history(), bounces(), suppressionList(), publisher(), clock);
    }

    private static Instant nowInMillis() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    public static final class Builder {
        private ObjectMapper json = new ObjectMapper();
        private Settings settings = Settings.defaults();
        private SecretsSource secrets = Secrets::empty;
        private DynamoDbClient dynamo;
        private Tables tables = Tables.withPrefix(Environment.DEFAULT_TABLE_PREFIX);
        private Supplier<? extends ActionPublisher> publisher = () -> ActionPublisher.NONE;
        private Supplier<SuppressionList> suppressionList;
        private Supplier<Instant> clock = Components::nowInMillis;
        private SubscriptionConfirmer subscriptionConfirmer = SubscriptionConfirmer.UNAVAILABLE;
        private BounceMetrics metrics = BounceMetrics.NONE;

        private Builder() {
        }

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
            return publisher(() -> publisher);
        }

        /** Made on first use. */
        public Builder publisher(Supplier<? extends ActionPublisher> publisher) {
            this.publisher = publisher;
            return this;
        }

        /** Used when {@code ses.suppression_sync} is on: SES's list in AWS, a stand-in locally and in tests. */
        public Builder suppressionList(SuppressionList suppressionList) {
            return suppressionList(() -> suppressionList);
        }

        /** Made on first use, and only when {@code ses.suppression_sync} is on. */
        public Builder suppressionList(Supplier<SuppressionList> suppressionList) {
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

        public Components build() {
            return new Components(this);
        }
    }
}
