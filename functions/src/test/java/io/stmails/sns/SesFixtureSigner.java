package io.stmails.sns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.stream.Stream;

/**
 * Signs the SNS fixtures under {@code events/ses/} with the test-only key, in place. Run it after
 * editing a fixture ({@code SesFixturesTest} fails until then):
 * {@code mvn -q -o -pl functions test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.stmails.sns.SesFixtureSigner}, from the repository root.
 */
public final class SesFixtureSigner {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SesFixtureSigner() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "events/ses");
        PrivateKey key = SnsTestKeys.testKey();
        for (Path file : jsonFiles(root.resolve("sns"))) {
            ObjectNode event = (ObjectNode) JSON.readTree(file.toFile());
            for (JsonNode record : event.path("Records")) {
                ObjectNode sns = (ObjectNode) record.get("Sns");
                sns.put("Signature", SnsTestKeys.signature(lambdaMessage(sns).stringToSign(),
                        sns.path("SignatureVersion").asText(), key));
            }
            write(file, event);
        }
        for (Path file : jsonFiles(root.resolve("https"))) {
            ObjectNode event = (ObjectNode) JSON.readTree(file.toFile());
            JsonNode body = JSON.readTree(event.path("body").asText());
            if (!body.isObject() || !body.has("Signature")) {
                continue;
            }
            SnsMessage message = SnsMessage.fromJson(body);
            ((ObjectNode) body).put("Signature", SnsTestKeys.signature(message.stringToSign(),
                    message.signatureVersion(), key));
            String text = JSON.writeValueAsString(body);
            event.put("body", text);
            ((ObjectNode) event.get("headers")).put("content-length",
                    Integer.toString(text.getBytes(StandardCharsets.UTF_8).length));
            write(file, event);
        }
    }

    /** The {@code Sns} object of an SNS→Lambda record, with Lambda's field spellings. */
    public static SnsMessage lambdaMessage(JsonNode sns) {
        return new SnsMessage(text(sns, "Type"), text(sns, "MessageId"), text(sns, "TopicArn"), text(sns, "Subject"),
                text(sns, "Message"), text(sns, "Timestamp"), text(sns, "SignatureVersion"), text(sns, "Signature"),
                text(sns, "SigningCertUrl"), null, text(sns, "UnsubscribeUrl"), null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static void write(Path file, JsonNode node) throws IOException {
        Files.writeString(file, JSON.writeValueAsString(node) + "\n");
    }
}
