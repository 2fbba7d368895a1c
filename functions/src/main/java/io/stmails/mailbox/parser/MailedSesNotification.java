package io.stmails.mailbox.parser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.regex.Pattern;

/**
 * Finds an Amazon SES notification that arrived as mail (an SNS e-mail subscription): the
 * notification's JSON, alone or as the {@code Message} of SNS's envelope, often wrapped at a fixed
 * width. It is then read like any other SES notification
 * ({@link io.stmails.ses.notification.SesNotification}).
 */
final class MailedSesNotification {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A line break a mailer inserted, with the space that continues the wrapped line. */
    private static final Pattern WRAP = Pattern.compile("\\r?\\n ?");

    private MailedSesNotification() {
    }

    /** The notification in a text, or null when the text holds none. */
    static JsonNode find(String text) {
        if (!text.contains("notificationType") && !text.contains("eventType")) {
            return null;
        }
        int start = text.indexOf('{');
        if (start < 0) {
            return null;
        }
        JsonNode found = json(WRAP.matcher(text.substring(start)).replaceAll(""));
        JsonNode message = found == null ? null : found.get("Message");
        if (message != null && message.isTextual()) {
            found = json(message.asText());
        }
        return found != null && found.isObject() && (found.has("notificationType") || found.has("eventType"))
                ? found : null;
    }

    /** The first JSON value in the text (a footer after it is ignored), or null when there is none. */
    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException notJson) {
            return null;
        }
    }
}
