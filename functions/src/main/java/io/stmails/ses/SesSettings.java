package io.stmails.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.config.InvalidSettingsException;
import io.stmails.config.Settings;
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
    private static final List<String> FIELDS = List.of("enabled", "topic_arns", "campaign_tag", "certificate_dir",
            "verify_lambda_signatures", "suppression_sync");
    private static final Pattern TAG_NAME = Pattern.compile("^[A-Za-z0-9_:-]{1,256}$");

    public SesSettings {
        topicArns = Set.copyOf(topicArns);
    }

    public static SesSettings defaults() {
        return new SesSettings(false, Set.of(), null, null, true, false);
    }

    /** @param section the {@code ses} object; null or JSON null gives the defaults */
    public static SesSettings parse(JsonNode section) {
        if (section == null || section.isNull()) {
            return defaults();
        }
        if (!section.isObject()) {
            throw new InvalidSettingsException("ses must be an object");
        }
        Settings.rejectUnknownFields(section, FIELDS, "ses: ");
        SesSettings defaults = defaults();
        return new SesSettings(
                bool(section, "enabled", defaults.enabled()),
                topics(section.get("topic_arns")),
                campaignTag(section.get("campaign_tag")),
                certificateDir(section.get("certificate_dir")),
                bool(section, "verify_lambda_signatures", defaults.verifyLambdaSignatures()),
                bool(section, "suppression_sync", defaults.suppressionSync()));
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

    private static Set<String> topics(JsonNode node) {
        Set<String> topics = new LinkedHashSet<>();
        if (node == null || node.isNull()) {
            return topics;
        }
        if (!node.isArray()) {
            throw new InvalidSettingsException("ses.topic_arns must be an array of SNS topic ARNs");
        }
        for (int i = 0; i < node.size(); i++) {
            String field = "ses.topic_arns[" + i + "]";
            JsonNode arn = node.get(i);
            if (!arn.isTextual()) {
                throw new InvalidSettingsException(field + " must be a string");
            }
            try {
                TopicArn.parse(arn.asText());
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingsException(field + ": " + e.getMessage());
            }
            topics.add(arn.asText());
        }
        return topics;
    }

    private static String campaignTag(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || !TAG_NAME.matcher(node.asText()).matches()) {
            throw new InvalidSettingsException("ses.campaign_tag must be an SES message tag name "
                    + "(1-256 letters, digits, '_', '-' or ':')");
        }
        return node.asText();
    }

    private static Path certificateDir(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new InvalidSettingsException("ses.certificate_dir must be a directory path");
        }
        try {
            return Path.of(node.asText());
        } catch (InvalidPathException e) {
            throw new InvalidSettingsException("ses.certificate_dir: " + e.getMessage());
        }
    }

    private static boolean bool(JsonNode section, String field, boolean fallback) {
        return Settings.bool(section, field, fallback, "ses." + field);
    }
}
