package io.stmails.wiring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.actions.SnsActionPublisher;
import io.stmails.config.InvalidSettingsException;
import io.stmails.config.SecretsManagerSource;
import io.stmails.config.Settings;
import io.stmails.metrics.emf.PowertoolsMetrics;
import io.stmails.sns.SdkSubscriptionConfirmer;
import io.stmails.store.dynamodb.Tables;
import io.stmails.suppression.sesv2.SesSuppressionList;
import io.stmails.wiring.Environment.Variable;
import java.time.Instant;
import java.util.Set;

/**
 * One function's {@link Components} in Lambda, from its {@link Environment}: the settings it reads
 * (the global ones plus its own sections; another function's sections are not even parsed, so a
 * mistake there cannot stop this one), the DynamoDB client, and, made only where set up and on
 * first use, the other AWS clients: Secrets Manager where {@code STMAILS_SECRET_ID} is set, SNS for
 * the actions topic where {@code STMAILS_ACTIONS_TOPIC_ARN} is, SES API v2 when
 * {@code ses.suppression_sync} is on and a path reaches the suppression list.
 */
public final class LambdaWiring {
    /** The settings sections that belong to some functions only. */
    public enum Section {
        SES("ses"),
        PROVIDERS("providers"),
        MAILBOXES("mailboxes");

        private final String field;

        Section(String field) {
            this.field = field;
        }
    }

    private LambdaWiring() {
    }

    public static Components components(Environment environment, Set<Section> read) {
        Components parts = builder(environment, read).build();
        if (read.contains(Section.PROVIDERS)) {
            try {
                parts.providers();
            } catch (InvalidSettingsException e) {
                throw invalidSettings(e);
            }
        }
        return parts;
    }

    /** The builder {@link #components} builds, for the cold-start benchmark, which adds its secrets. */
    public static Components.Builder builder(Environment environment, Set<Section> read) {
        ObjectMapper json = new ObjectMapper();
        AwsClients clients = AwsClients.lambda(environment);
        Components.Builder builder = Components.builder()
                .json(json)
                .settings(settings(environment, json, read))
                .metrics(new PowertoolsMetrics())
                .tables(Tables.withPrefix(environment.tablePrefix()))
                .dynamo(clients.dynamo())
                .suppressionList(() -> new SesSuppressionList(clients.sesV2()));
        environment.secretId().ifPresent(secretId ->
                builder.secrets(new SecretsManagerSource(clients.secretsManager(), secretId, json, Instant::now)));
        environment.actionsTopicArn().ifPresent(topic ->
                builder.publisher(() -> new SnsActionPublisher(clients.sns(), topic, json)));
        if (read.contains(Section.SES)) {
            builder.subscriptionConfirmer(new SdkSubscriptionConfirmer(clients::sns));
        }
        return builder;
    }

    /** The settings document without the sections this function does not read, plus the stack's own SES topic. */
    static Settings settings(Environment environment, ObjectMapper json, Set<Section> read) {
        try {
            JsonNode document = json.readTree(environment.settingsJson());
            if (document instanceof ObjectNode object) {
                for (Section section : Section.values()) {
                    if (!read.contains(section)) {
                        object.remove(section.field);
                    }
                }
            }
            Settings settings = Settings.of(document);
            if (!read.contains(Section.SES)) {
                return settings;
            }
            return environment.sesTopicArn().map(settings::withSesTopic).orElse(settings);
        } catch (JsonProcessingException e) {
            throw Environment.invalid(Variable.STMAILS_SETTINGS, "is not valid JSON: " + e.getOriginalMessage());
        } catch (InvalidSettingsException e) {
            throw invalidSettings(e);
        }
    }

    private static InvalidEnvironmentException invalidSettings(InvalidSettingsException e) {
        return Environment.invalid(Variable.STMAILS_SETTINGS, "holds invalid settings: " + e.getMessage());
    }
}
