package io.stmails.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.config.SettingsBinder.UnknownField;
import io.stmails.sns.TopicArn;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code ses} settings section.
 *
 * <pre>
 * "ses": {
 *   "enabled": true,                       // listmonk's bounce.ses_enabled; false: HTTPS answers 400 "Unknown service."
 *   "topic_arns": ["arn:aws:sns:eu-west-1:123456789012:ses-feedback"],  // SNS topics whose messages are accepted
 *   "campaign_tag": "campaign",            // SES message tag holding the campaign UUID (optional)
 *   "certificate_dir": "/opt/sns-certs",   // SimpleNotificationService-*.pem files used before any fetch (optional)
 *   "verify_lambda_signatures": true,      // also verify SNS signatures on the SNS→Lambda path
 *   "suppression_sync": false              // mirror blocklist/delete decisions on the account's suppression list
 * }
 * </pre>
 *
 * @param campaignTag    null when not configured
 * @param certificateDir null when not configured
 */
public record SesSettings(boolean enabled, Set<String> topicArns, String campaignTag, Path certificateDir,
        boolean verifyLambdaSignatures, boolean suppressionSync) {
    public SesSettings {
        topicArns = Set.copyOf(topicArns);
    }

    public static SesSettings defaults() {
        return parse(null);
    }

    /** @param section the {@code ses} object; null or JSON null gives the defaults */
    public static SesSettings parse(JsonNode section) {
        return SettingsBinder.bind(section, Section.class, "ses", UnknownField.NAMED_AFTER_SECTION).settings();
    }

    /** These settings with one more SNS topic whose SES messages are accepted. */
    public SesSettings withTopic(String topicArn) {
        Set<String> topics = new LinkedHashSet<>(topicArns);
        topics.add(topicArn);
        return new SesSettings(enabled, topics, campaignTag, certificateDir, verifyLambdaSignatures, suppressionSync);
    }

    public ObjectNode describe(ObjectMapper json) {
        ObjectNode out = json.createObjectNode();
        out.put("enabled", enabled);
        topicArns.stream().sorted().forEach(out.putArray("topic_arns")::add);
        out.put("campaign_tag", campaignTag);
        out.put("certificate_dir", certificateDir == null ? null : certificateDir.toString());
        out.put("verify_lambda_signatures", verifyLambdaSignatures);
        out.put("suppression_sync", suppressionSync);
        return out;
    }

    /** The section as written; every field optional. */
    private record Section(
            @JsonProperty("enabled") Boolean enabled,
            @JsonProperty("topic_arns") List<String> topicArns,
            @JsonProperty("campaign_tag") String campaignTag,
            @JsonProperty("certificate_dir") String certificateDir,
            @JsonProperty("verify_lambda_signatures") Boolean verifyLambdaSignatures,
            @JsonProperty("suppression_sync") Boolean suppressionSync) {
        private static final Pattern TAG_NAME = Pattern.compile("^[A-Za-z0-9_:-]{1,256}$");

        Section {
            topicArns = topicArns == null ? List.of() : topicArns;
            for (int i = 0; i < topicArns.size(); i++) {
                checkTopic(topicArns.get(i), "topic_arns[" + i + "]");
            }
            if (campaignTag != null && !TAG_NAME.matcher(campaignTag).matches()) {
                throw new FieldProblem("campaign_tag", " must be an SES message tag name "
                        + "(1-256 letters, digits, '_', '-' or ':')");
            }
            if (certificateDir != null && certificateDir.isBlank()) {
                throw new FieldProblem("certificate_dir", " must be a directory path");
            }
        }

        private static void checkTopic(String arn, String field) {
            if (arn == null) {
                throw new FieldProblem(field, " must be a string");
            }
            try {
                TopicArn.parse(arn);
            } catch (IllegalArgumentException e) {
                throw new FieldProblem(field, ": " + e.getMessage());
            }
        }

        SesSettings settings() {
            Path certificates;
            try {
                certificates = certificateDir == null ? null : Path.of(certificateDir);
            } catch (InvalidPathException e) {
                throw new InvalidSettingsException("ses.certificate_dir: " + e.getMessage());
            }
            return new SesSettings(FieldProblem.or(enabled, false), new LinkedHashSet<>(topicArns), campaignTag,
                    certificates, FieldProblem.or(verifyLambdaSignatures, true), FieldProblem.or(suppressionSync, false));
        }
    }
}
