package io.stmails.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.InvalidSettingsException;
import io.stmails.mailbox.MailboxSchedule;
import io.stmails.config.Settings;
import io.stmails.providers.catalog.ProviderCatalog;
import io.stmails.store.dynamodb.Tables;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Node;

/**
 * Everything the stack is built from, read from the CDK context: {@code cdk.json}, overridable with
 * {@code cdk deploy -c key=value}. The settings document is validated here with the same parser the
 * functions use, so a bad setting stops the deploy instead of the first invocation.
 */
public record DeploymentConfig(
        String settingsJson,
        String namePrefix,
        Path functionsJar,
        Optional<String> secretArn,
        Ses ses,
        ApiThrottle apiThrottle,
        List<MailboxSchedule.Entry> mailboxes,
        RetentionDays logRetention,
        Optional<String> alarmEmail,
        Reputation reputation) {

    public static final String SETTINGS = "stmails:settings";
    public static final String NAME_PREFIX = "stmails:namePrefix";
    public static final String FUNCTIONS_JAR = "stmails:functionsJar";
    public static final String SECRET_ARN = "stmails:secretArn";
    public static final String SES_TOPIC_ARN = "stmails:sesTopicArn";
    public static final String SES_EVENTBRIDGE = "stmails:sesEventBridge";
    public static final String SES_IDENTITIES = "stmails:sesIdentities";
    public static final String SES_CONFIGURATION_SET = "stmails:sesConfigurationSet";
    public static final String SES_CONFIGURATION_SET_DESTINATION = "stmails:sesConfigurationSetDestination";
    public static final String API_RATE_LIMIT = "stmails:apiRateLimit";
    public static final String API_BURST_LIMIT = "stmails:apiBurstLimit";
    public static final String LOG_RETENTION_DAYS = "stmails:logRetentionDays";
    public static final String ALARM_EMAIL = "stmails:alarmEmail";
    public static final String SES_BOUNCE_RATE_WARNING = "stmails:sesBounceRateWarningPercent";
    public static final String SES_BOUNCE_RATE_CRITICAL = "stmails:sesBounceRateCriticalPercent";
    public static final String SES_COMPLAINT_RATE_WARNING = "stmails:sesComplaintRateWarningPercent";
    public static final String SES_COMPLAINT_RATE_CRITICAL = "stmails:sesComplaintRateCriticalPercent";

    /**
     * Lambda allows 4 KB for all environment variables of a function; the settings document shares
     * them with a few ARNs and names.
     */
    static final int MAX_SETTINGS_BYTES = 3072;

    private static final Map<Integer, RetentionDays> RETENTION_BY_DAYS = Map.ofEntries(
            Map.entry(1, RetentionDays.ONE_DAY), Map.entry(3, RetentionDays.THREE_DAYS),
            Map.entry(5, RetentionDays.FIVE_DAYS), Map.entry(7, RetentionDays.ONE_WEEK),
            Map.entry(14, RetentionDays.TWO_WEEKS), Map.entry(30, RetentionDays.ONE_MONTH),
            Map.entry(60, RetentionDays.TWO_MONTHS), Map.entry(90, RetentionDays.THREE_MONTHS),
            Map.entry(120, RetentionDays.FOUR_MONTHS), Map.entry(150, RetentionDays.FIVE_MONTHS),
            Map.entry(180, RetentionDays.SIX_MONTHS), Map.entry(365, RetentionDays.ONE_YEAR),
            Map.entry(400, RetentionDays.THIRTEEN_MONTHS), Map.entry(545, RetentionDays.EIGHTEEN_MONTHS),
            Map.entry(731, RetentionDays.TWO_YEARS), Map.entry(1096, RetentionDays.THREE_YEARS),
            Map.entry(1827, RetentionDays.FIVE_YEARS), Map.entry(2192, RetentionDays.SIX_YEARS),
            Map.entry(2557, RetentionDays.SEVEN_YEARS), Map.entry(2922, RetentionDays.EIGHT_YEARS),
            Map.entry(3288, RetentionDays.NINE_YEARS), Map.entry(3653, RetentionDays.TEN_YEARS));

    /** Where SES sends events when a configuration set is created: the SES topic or the default event bus. */
    public enum EventDestination {
        SNS,
        EVENTBRIDGE
    }

    /**
     * The SES side: the topic (imported when an ARN is given), whether SES events on the default
     * event bus reach {@code ses-events}, identities whose feedback notifications the stack points at
     * the topic, and an optional configuration set.
     */
    public record Ses(Optional<String> topicArn, boolean eventBridgeRule, List<String> identities,
            Optional<String> configurationSet, EventDestination configurationSetDestination) {
        /** A configuration set publishing to the event bus needs the rule that forwards its events. */
        public boolean routesEventBridge() {
            return eventBridgeRule
                    || (configurationSet.isPresent() && configurationSetDestination == EventDestination.EVENTBRIDGE);
        }
    }

    /**
     * Levels of the SES reputation alarms, as fractions (SES's metrics run from 0 to 1); the context
     * gives them in percent. Each warning must be below its critical level.
     */
    public record Reputation(double bounceWarning, double bounceCritical, double complaintWarning, double complaintCritical) {
        static Reputation from(ContextReader context) {
            double bounceWarning = context.decimal(SES_BOUNCE_RATE_WARNING, 2.5, 0, 100);
            double bounceCritical = context.decimal(SES_BOUNCE_RATE_CRITICAL, 5, 0, 100);
            double complaintWarning = context.decimal(SES_COMPLAINT_RATE_WARNING, 0.05, 0, 100);
            double complaintCritical = context.decimal(SES_COMPLAINT_RATE_CRITICAL, 0.1, 0, 100);
            requireBelow(SES_BOUNCE_RATE_WARNING, bounceWarning, SES_BOUNCE_RATE_CRITICAL, bounceCritical);
            requireBelow(SES_COMPLAINT_RATE_WARNING, complaintWarning, SES_COMPLAINT_RATE_CRITICAL, complaintCritical);
            return new Reputation(fraction(bounceWarning), fraction(bounceCritical), fraction(complaintWarning),
                    fraction(complaintCritical));
        }

        /** Through decimal arithmetic, so 0.05 percent is exactly 0.0005 in the template. */
        private static double fraction(double percent) {
            return BigDecimal.valueOf(percent).movePointLeft(2).doubleValue();
        }

        private static void requireBelow(String warningKey, double warning, String criticalKey, double critical) {
            if (warning >= critical) {
                throw new IllegalArgumentException("context " + warningKey + " (" + warning + ") must be below "
                        + criticalKey + " (" + critical + ")");
            }
        }
    }

    /** Steady-state requests per second and burst for every route of the HTTP API. */
    public record ApiThrottle(int rateLimit, int burstLimit) {
    }

    public Tables tables() {
        return Tables.withPrefix(namePrefix);
    }

    /** {@code ses.suppression_sync} of the settings: whether functions get SES suppression-list grants. */
    public boolean suppressionSync() {
        return Settings.parse(settingsJson, new ObjectMapper()).ses().suppressionSync();
    }

    public static DeploymentConfig from(Node node) {
        ObjectMapper json = new ObjectMapper();
        ContextReader context = new ContextReader(node, json);
        JsonNode document = context.document(SETTINGS);
        String settingsJson = compact(document, json);
        Settings settings;
        try {
            settings = Settings.parse(settingsJson, json);
        } catch (InvalidSettingsException e) {
            throw new InvalidSettingsException("context " + SETTINGS + ": " + e.getMessage());
        }
        if (settingsJson.getBytes(StandardCharsets.UTF_8).length > MAX_SETTINGS_BYTES) {
            throw new InvalidSettingsException("context " + SETTINGS + " is " + settingsJson.length()
                    + " bytes; it travels in a Lambda environment variable (4 KB in all), so keep it under "
                    + MAX_SETTINGS_BYTES + " bytes");
        }
        List<MailboxSchedule.Entry> mailboxes;
        try {
            mailboxes = MailboxSchedule.entries(settings);
            ProviderCatalog.from(settings);
        } catch (InvalidSettingsException e) {
            throw new InvalidSettingsException("context " + SETTINGS + ": " + e.getMessage());
        }

        String prefix = context.string(NAME_PREFIX).orElse("stmails-");
        if (!prefix.matches("[a-z0-9-]{1,20}")) {
            throw new IllegalArgumentException("context " + NAME_PREFIX
                    + " must be 1 to 20 lower-case letters, digits or hyphens, not '" + prefix + "'");
        }
        Path jar = Path.of(context.string(FUNCTIONS_JAR).orElseThrow(() -> new IllegalArgumentException(
                "context " + FUNCTIONS_JAR + " is not set: it names the functions' deployment jar")));
        if (!Files.exists(jar)) {
            throw new IllegalArgumentException(jar + " does not exist: build it first with `mvn package` "
                    + "(context " + FUNCTIONS_JAR + " names it)");
        }

        Ses ses = new Ses(
                context.string(SES_TOPIC_ARN),
                context.bool(SES_EVENTBRIDGE, false),
                context.list(SES_IDENTITIES),
                context.string(SES_CONFIGURATION_SET),
                destination(context.string(SES_CONFIGURATION_SET_DESTINATION).orElse("sns")));
        return new DeploymentConfig(
                settingsJson,
                prefix,
                jar.toAbsolutePath().normalize(),
                context.string(SECRET_ARN),
                ses,
                new ApiThrottle(context.integer(API_RATE_LIMIT, 50, 1, 10_000),
                        context.integer(API_BURST_LIMIT, 100, 1, 5_000)),
                mailboxes,
                retention(context.integer(LOG_RETENTION_DAYS, 30, 1, 3653)),
                context.string(ALARM_EMAIL),
                Reputation.from(context));
    }

    private static RetentionDays retention(int days) {
        RetentionDays retention = RETENTION_BY_DAYS.get(days);
        if (retention == null) {
            throw new IllegalArgumentException("context " + LOG_RETENTION_DAYS + " must be one of the periods "
                    + "CloudWatch Logs offers: " + new TreeSet<>(RETENTION_BY_DAYS.keySet()) + ", not " + days);
        }
        return retention;
    }

    private static EventDestination destination(String value) {
        try {
            return EventDestination.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("context " + SES_CONFIGURATION_SET_DESTINATION
                    + " must be sns or eventbridge, not '" + value + "'");
        }
    }

    private static String compact(JsonNode document, ObjectMapper json) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always serialises", e);
        }
    }
}
