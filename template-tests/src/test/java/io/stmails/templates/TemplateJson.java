package io.stmails.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Navigation over a synthesized template: resources by type, and what refers to what. */
final class TemplateJson {
    private final JsonNode resources;

    TemplateJson(JsonNode template) {
        this.resources = template.get("Resources");
    }

    /** Logical ID to Properties of every resource of a type, in template order. */
    Map<String, JsonNode> ofType(String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            if (type.equals(resource.getValue().path("Type").asText())) {
                JsonNode properties = resource.getValue().get("Properties");
                found.put(resource.getKey(), properties == null ? JsonNodeFactory.instance.objectNode() : properties);
            }
        }
        return found;
    }

    JsonNode properties(String logicalId) {
        JsonNode resource = resources.get(logicalId);
        if (resource == null) {
            throw new AssertionError("no resource " + logicalId);
        }
        return resource.path("Properties");
    }

    String typeOf(String logicalId) {
        JsonNode resource = resources.get(logicalId);
        return resource == null ? null : resource.path("Type").asText();
    }

    /** Every logical ID a value refers to through Ref or Fn::GetAtt, however deeply nested. */
    static Set<String> references(JsonNode value) {
        Set<String> ids = new LinkedHashSet<>();
        collect(value, ids);
        return ids;
    }

    /** The one logical ID a value refers to. */
    static String reference(JsonNode value) {
        Set<String> ids = references(value);
        if (ids.size() != 1) {
            throw new AssertionError("expected one reference in " + value + " but found " + ids);
        }
        return ids.iterator().next();
    }

    private static void collect(JsonNode value, Set<String> ids) {
        if (value == null) {
            return;
        }
        if (value.isObject()) {
            if (value.has("Ref") && value.get("Ref").isTextual() && !value.get("Ref").asText().startsWith("AWS::")) {
                ids.add(value.get("Ref").asText());
            }
            if (value.has("Fn::GetAtt")) {
                ids.add(value.get("Fn::GetAtt").get(0).asText());
            }
            value.forEach(child -> collect(child, ids));
        } else if (value.isArray()) {
            value.forEach(child -> collect(child, ids));
        }
    }

    /** The logical ID of the Lambda function with this physical name. */
    String functionNamed(String functionName) {
        List<String> ids = ofType("AWS::Lambda::Function").entrySet().stream()
                .filter(e -> functionName.equals(e.getValue().path("FunctionName").asText()))
                .map(Map.Entry::getKey)
                .toList();
        if (ids.size() != 1) {
            throw new AssertionError("expected one function named " + functionName + " but found " + ids);
        }
        return ids.get(0);
    }

    /** The aliases of a function, logical ID to alias name. */
    Map<String, String> aliasesOf(String functionId) {
        Map<String, String> aliases = new LinkedHashMap<>();
        ofType("AWS::Lambda::Alias").forEach((id, alias) -> {
            if (functionId.equals(reference(alias.get("FunctionName")))) {
                aliases.put(id, alias.path("Name").asText());
            }
        });
        return aliases;
    }

    /** The single alias every trigger of a function must use. */
    String aliasOf(String functionId) {
        Map<String, String> aliases = aliasesOf(functionId);
        if (aliases.size() != 1) {
            throw new AssertionError("expected one alias of " + functionId + " but found " + aliases);
        }
        return aliases.keySet().iterator().next();
    }
}
