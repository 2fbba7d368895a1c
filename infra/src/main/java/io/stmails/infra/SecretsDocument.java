package io.stmails.infra;

import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.constructs.Construct;

/**
 * The Secrets Manager secret holding the secrets document (API users, provider keys, mailbox
 * passwords): created as an empty JSON object for the operator to fill in, or an existing secret
 * imported by its complete ARN. Kept when the stack is deleted.
 */
final class SecretsDocument extends Construct {
    private final ISecret secret;

    SecretsDocument(Construct scope, String id, String namePrefix, Optional<String> importedArn) {
        super(scope, id);
        secret = importedArn.<ISecret>map(arn -> Secret.fromSecretCompleteArn(this, "Imported", arn))
                .orElseGet(() -> created(namePrefix));
    }

    private Secret created(String namePrefix) {
        Secret created = Secret.Builder.create(this, "Secret")
                .secretName(namePrefix + "secrets")
                .description("stmails secrets document: api_users, provider keys, mailbox passwords (JSON)")
                .secretObjectValue(Map.of())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        Nag.acknowledge(created, "AwsSolutions-SMG4",
                "The document holds credentials issued by third parties (mail provider keys, POP3 passwords, "
                        + "API tokens handed to senders); none can be rotated by a Lambda rotation function. "
                        + "The operator rotates them by putting a new version; the functions re-read it within minutes.");
        return created;
    }

    ISecret secret() {
        return secret;
    }
}
