package io.stmails.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The secrets document: the JSON held by AWS Secrets Manager in AWS, and by {@code --secrets FILE}
 * locally. Never logged.
 *
 * <pre>
 * {
 *   "api_users": [{"username": "admin", "token": "...", "permissions": ["*"]}],
 *   "providers": {...}, "mailboxes": {...}   // read by their own sources
 * }
 * </pre>
 */
public final class Secrets {
    public static final Set<String> PERMISSIONS = Set.of("bounces:get", "bounces:manage", "webhooks:post_bounce",
            "subscribers:get", "subscribers:manage", ApiUser.ALL);

    private final List<ApiUser> apiUsers;
    private final JsonNode document;

    public Secrets(List<ApiUser> apiUsers, JsonNode document) {
        this.apiUsers = List.copyOf(apiUsers);
        this.document = document;
    }

    public static Secrets empty() {
        return new Secrets(List.of(), JsonNodeFactory.instance.objectNode());
    }

    public static Secrets parse(String json, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            // The parser's message may quote the document: say only where it broke.
            throw new InvalidSettingsException("secrets are not valid JSON (line "
                    + (e.getLocation() == null ? "?" : e.getLocation().getLineNr()) + ")");
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return empty();
        }
        if (!root.isObject()) {
            throw new InvalidSettingsException("secrets must be a JSON object");
        }
        List<ApiUser> users = new ArrayList<>();
        JsonNode list = root.get("api_users");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new InvalidSettingsException("api_users must be an array");
            }
            for (int i = 0; i < list.size(); i++) {
                users.add(apiUser(list.get(i), "api_users[" + i + "]"));
            }
        }
        return new Secrets(users, root);
    }

    private static ApiUser apiUser(JsonNode node, String field) {
        String username = requiredText(node, "username", field);
        String token = requiredText(node, "token", field);
        Set<String> permissions = new LinkedHashSet<>();
        JsonNode granted = node.get("permissions");
        if (granted == null || granted.isNull()) {
            permissions.add(ApiUser.ALL);
        } else {
            if (!granted.isArray()) {
                throw new InvalidSettingsException(field + ".permissions must be an array");
            }
            for (JsonNode permission : granted) {
                if (!PERMISSIONS.contains(permission.asText())) {
                    throw new InvalidSettingsException(field + ".permissions: unknown permission '"
                            + permission.asText() + "' (known: " + String.join(", ",
                            PERMISSIONS.stream().sorted().toList()) + ")");
                }
                permissions.add(permission.asText());
            }
        }
        return new ApiUser(username, token, permissions);
    }

    private static String requiredText(JsonNode node, String name, String field) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new InvalidSettingsException(field + "." + name + " is required");
        }
        return value.asText();
    }

    public List<ApiUser> apiUsers() {
        return apiUsers;
    }

    public Optional<ApiUser> apiUser(String username) {
        return apiUsers.stream().filter(u -> u.username().equals(username)).findFirst();
    }

    public Secrets withApiUser(ApiUser user) {
        List<ApiUser> users = new ArrayList<>(apiUsers);
        users.removeIf(u -> u.username().equals(user.username()));
        users.add(user);
        return new Secrets(users, document);
    }

    /** A section owned by another source; an empty object when absent. */
    public JsonNode section(String name) {
        JsonNode node = document.get(name);
        return node == null || node.isNull() ? JsonNodeFactory.instance.objectNode() : node;
    }
}
