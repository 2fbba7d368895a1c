package io.stmails.wiring;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;

/**
 * The environment variables a function reads in AWS (the stack sets them; the names are
 * {@link Variable}'s), each read and checked in one place. A variable that is set but unusable
 * fails the function's initialisation with an {@link InvalidEnvironmentException} naming it.
 */
public final class Environment {
    /** Every variable, named as in the environment. */
    public enum Variable {
        /** The settings document (JSON); absent means every default. */
        STMAILS_SETTINGS,
        /** The table name prefix; default {@code stmails-}. */
        STMAILS_TABLE_PREFIX,
        /** The Secrets Manager secret holding the secrets document; set only where secrets are read. */
        STMAILS_SECRET_ID,
        /** The stack's SES feedback topic, accepted beside {@code ses.topic_arns} (its ARN exists only once deployed). */
        STMAILS_SES_TOPIC_ARN,
        /** The topic threshold actions are published to; set only for the function that publishes. */
        STMAILS_ACTIONS_TOPIC_ARN,
        /** A DynamoDB endpoint to use instead of AWS's (DynamoDB Local); an absolute http(s) URL. */
        STMAILS_DYNAMODB_ENDPOINT,
        /** Set by Lambda. */
        AWS_REGION
    }

    static final String DEFAULT_TABLE_PREFIX = "stmails-";

    private final Map<String, String> values;

    private Environment(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static Environment of(Map<String, String> values) {
        return new Environment(values);
    }

    /** The process's environment. */
    public static Environment system() {
        return of(System.getenv());
    }

    /** The settings document as set; {@code {}} when unset. */
    public String settingsJson() {
        return optional(Variable.STMAILS_SETTINGS).orElse("{}");
    }

    public String tablePrefix() {
        String prefix = optional(Variable.STMAILS_TABLE_PREFIX).orElse(DEFAULT_TABLE_PREFIX);
        if (!prefix.matches("[A-Za-z0-9_.-]*")) {
            throw invalid(Variable.STMAILS_TABLE_PREFIX, "may hold only letters, digits, '_', '-' and '.'");
        }
        return prefix;
    }

    public Optional<String> secretId() {
        return optional(Variable.STMAILS_SECRET_ID);
    }

    public Optional<String> sesTopicArn() {
        return optional(Variable.STMAILS_SES_TOPIC_ARN).map(arn -> arn(Variable.STMAILS_SES_TOPIC_ARN, arn));
    }

    public Optional<String> actionsTopicArn() {
        return optional(Variable.STMAILS_ACTIONS_TOPIC_ARN).map(arn -> arn(Variable.STMAILS_ACTIONS_TOPIC_ARN, arn));
    }

    public Optional<URI> dynamoEndpoint() {
        return optional(Variable.STMAILS_DYNAMODB_ENDPOINT).map(text -> {
            try {
                URI uri = new URI(text);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw invalid(Variable.STMAILS_DYNAMODB_ENDPOINT, "must be an absolute http(s) URL, got '" + text + "'");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw invalid(Variable.STMAILS_DYNAMODB_ENDPOINT, "is not a URL: " + e.getMessage());
            }
        });
    }

    /** Lambda always sets it; {@code us-east-1} elsewhere. */
    public Region region() {
        String region = optional(Variable.AWS_REGION).orElse("us-east-1");
        if (!region.matches("[a-z0-9-]+")) {
            throw invalid(Variable.AWS_REGION, "is not a region name: '" + region + "'");
        }
        return Region.of(region);
    }

    /** A failure reading a value the variable holds, e.g. settings that do not parse. */
    public static InvalidEnvironmentException invalid(Variable variable, String problem) {
        return new InvalidEnvironmentException(variable, problem);
    }

    /** Unset and blank mean the same. */
    private Optional<String> optional(Variable variable) {
        String value = values.get(variable.name());
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String arn(Variable variable, String value) {
        if (!value.startsWith("arn:") || value.split(":", -1).length < 6) {
            throw invalid(variable, "is not an ARN: '" + value + "'");
        }
        return value;
    }
}
