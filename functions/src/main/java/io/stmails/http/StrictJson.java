package io.stmails.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.stmails.domain.InputLimits;
import io.stmails.domain.InvalidFieldException;
import java.util.Iterator;
import java.util.Map;

/**
 * The one reader of JSON that arrives from outside (request bodies, the SES event inside an SNS
 * message): one JSON value and nothing after it, and no lone surrogate in any name or string (a
 * {@code \ud800} escape is valid JSON but not text, and would be stored as '?'). Nothing is repaired.
 */
public final class StrictJson {
    private final ObjectReader reader;

    public StrictJson(ObjectMapper json) {
        this.reader = json.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The body, decoded as strict UTF-8, as one JSON value (null for an empty body). */
    public JsonNode read(HttpRequest request) {
        return read(request.bodyText());
    }

    /** @throws BadRequestException naming what is wrong */
    public JsonNode read(String text) {
        JsonNode node;
        try {
            node = reader.readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("the body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            return null;
        }
        requireText(node, "$");
        return node;
    }

    private static void requireText(JsonNode node, String path) {
        try {
            if (node.isTextual()) {
                InputLimits.requireWellFormed(path, node.textValue());
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    InputLimits.requireWellFormed(path + " (a field name)", field.getKey());
                    requireText(field.getValue(), path + "." + field.getKey());
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    requireText(node.get(i), path + "[" + i + "]");
                }
            }
        } catch (InvalidFieldException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
