package io.stmails.reliability;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes JSON as a sender would, expanding the deep-nesting placeholders of {@link Hostile#deep()}. */
public final class JsonText {
    private static final String DEEP = "\u0000deep:";
    private static final Pattern PLACEHOLDER = Pattern.compile("\"\\\\u0000deep:(\\d+):([\\[{])\"");
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final ObjectMapper ASCII = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private JsonText() {
    }

    static JsonNode deep(int depth, String open) {
        return JsonNodeFactory.instance.textNode(DEEP + depth + ":" + open);
    }

    /** The text of {@code node}; {@code asciiOnly} escapes every non-ASCII character (lone surrogates included). */
    public static String write(JsonNode node, boolean asciiOnly) {
        String text;
        try {
            text = (asciiOnly ? ASCII : PLAIN).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Matcher placeholder = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            int depth = Integer.parseInt(placeholder.group(1));
            boolean array = placeholder.group(2).equals("[");
            String nested = array ? "[".repeat(depth) + "1" + "]".repeat(depth)
                    : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
            placeholder.appendReplacement(out, Matcher.quoteReplacement(nested));
        }
        placeholder.appendTail(out);
        return out.toString();
    }
}
