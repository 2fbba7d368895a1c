package io.stmails.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
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
        Document document = SettingsBinder.bind(root, Document.class, "", SettingsBinder.UnknownField.FIELD_PATH);
        for (UserEntry user : document.apiUsers() == null ? List.<UserEntry>of() : document.apiUsers()) {
            users.add(user.apiUser());
        }
        return new Secrets(users, root);
    }

    /** The part of the secrets document read here; the other sections belong to their readers. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Document(@JsonProperty("api_users") List<UserEntry> apiUsers) {
    }

    /** One of {@code api_users}; no permissions means all of them, as listmonk's first user has. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record UserEntry(
            @JsonProperty("username") String username,
            @JsonProperty("token") String token,
            @JsonProperty("permissions") List<String> permissions) {
        UserEntry {
            required(username, "username");
            required(token, "token");
            for (String permission : permissions == null ? List.<String>of() : permissions) {
                if (!PERMISSIONS.contains(permission)) {
                    throw new FieldProblem("permissions", ": unknown permission '" + permission + "' (known: "
                            + String.join(", ", PERMISSIONS.stream().sorted().toList()) + ")");
                }
            }
        }

        private static void required(String value, String field) {
            if (value == null || value.isEmpty()) {
                throw new FieldProblem(field, " is required");
            }
        }

        ApiUser apiUser() {
            return new ApiUser(username, token, permissions == null ? Set.of(ApiUser.ALL) : new LinkedHashSet<>(permissions));
        }
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
