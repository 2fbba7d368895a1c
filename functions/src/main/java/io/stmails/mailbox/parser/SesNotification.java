package io.stmails.mailbox.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Amazon SES bounce or complaint notification that arrived as mail (an SNS e-mail subscription):
 * JSON, often wrapped at a fixed width, so it is read field by field rather than as a document.
 */
final class SesNotification {
    record Recipient(String address, String status, String diagnostic, String action) {
    }

    record Notice(String type, String bounceType, String bounceSubType, List<Recipient> recipients) {
    }

    private static final Pattern NOTIFICATION_TYPE = Pattern.compile("\"notificationType\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern BOUNCE_TYPE = Pattern.compile("\"bounceType\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern BOUNCE_SUB_TYPE = Pattern.compile("\"bounceSubType\"\\s*:\\s*\"(\\w+)\"");
    private static final Pattern RECIPIENT_LIST = Pattern.compile(
            "\"(?:bouncedRecipients|complainedRecipients)\"\\s*:\\s*\\[(.*?)]");
    private static final Pattern OBJECT = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern ADDRESS = Pattern.compile("\"emailAddress\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern DIAGNOSTIC = Pattern.compile("\"diagnosticCode\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern ACTION = Pattern.compile("\"action\"\\s*:\\s*\"([^\"]*)\"");

    private SesNotification() {
    }

    /** The notice in a text, or null when the text is not an SES notification. */
    static Notice find(String text) {
        if (!text.contains("notificationType")) {
            return null;
        }
        String json = text.replaceAll("\\r?\\n ?", "").replace("\\\"", "\"").replace("\\\\", "\\");
        Matcher type = NOTIFICATION_TYPE.matcher(json);
        if (!type.find()) {
            return null;
        }
        List<Recipient> recipients = new ArrayList<>();
        Matcher list = RECIPIENT_LIST.matcher(json);
        if (list.find()) {
            Matcher object = OBJECT.matcher(list.group(1));
            while (object.find()) {
                String fields = object.group(1);
                String address = value(ADDRESS, fields);
                if (address != null) {
                    recipients.add(new Recipient(Addresses.first(address) == null ? address : Addresses.first(address),
                            orEmpty(value(STATUS, fields)), orEmpty(value(DIAGNOSTIC, fields)),
                            orEmpty(value(ACTION, fields))));
                }
            }
        }
        return new Notice(type.group(1), orEmpty(value(BOUNCE_TYPE, json)), orEmpty(value(BOUNCE_SUB_TYPE, json)),
                recipients);
    }

    private static String value(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
