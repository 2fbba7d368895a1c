package io.stmails.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.catalog.ApiEndpoint;
import io.stmails.catalog.FunctionCatalog;
import io.stmails.config.Settings;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.http.Responses;
import io.stmails.http.Route;
import io.stmails.providers.catalog.ProviderCatalog;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/settings}: the settings in effect (defaults filled in, never a secret) and the
 * webhook URL of every source, built from the host the request came to, ready to paste into a
 * provider's dashboard. Read-only: settings change through the CDK context (locally, the settings file).
 */
public final class SettingsApi {
    private static final String WEBHOOK_PREFIX = "/webhooks/service/";

    private final Settings settings;
    private final Responses responses;
    private final ObjectMapper json;

    public SettingsApi(Settings settings, Responses responses, ObjectMapper json) {
        this.settings = settings;
        this.responses = responses;
        this.json = json;
    }

    public List<ApiRoute> routes() {
        return List.of(new ApiRoute(ApiEndpoint.SETTINGS, (r, p) -> read(r)));
    }

    HttpResponse read(HttpRequest request) {
        ObjectNode data = json.createObjectNode();
        ObjectNode effective = settings.describe(json);
        effective.set("providers", ProviderCatalog.from(settings).describe());
        data.set("settings", effective);
        JsonNode mailboxes = settings.section("mailboxes");
        data.set("mailboxes", mailboxes.isArray() ? mailboxes.deepCopy() : json.createArrayNode());
        ArrayNode webhooks = data.putArray("webhooks");
        String base = baseUrl(request);
        for (FunctionCatalog function : FunctionCatalog.values()) {
            for (Route route : function.routes()) {
                if (!route.method().equals("POST") || !route.path().startsWith("/webhooks/")) {
                    continue;
                }
                String source = route.path().startsWith(WEBHOOK_PREFIX)
                        ? route.path().substring(WEBHOOK_PREFIX.length()) : "native";
                webhooks.addObject()
                        .put("source", source)
                        .put("url", base + route.path())
                        .put("enabled", enabled(effective, source));
            }
        }
        data.put("changed_through", "the CDK context (infra/cdk.json or cdk deploy -c), then cdk deploy; "
                + "locally the settings file given to the runner");
        return responses.data(data);
    }

    private static boolean enabled(ObjectNode effective, String source) {
        if (!effective.path("enabled").asBoolean()) {
            return false;
        }
        return switch (source) {
            case "native" -> effective.path("webhooks_enabled").asBoolean();
            case "ses" -> effective.path("ses").path("enabled").asBoolean();
            default -> effective.path("providers").path(source).path("enabled").asBoolean();
        };
    }

    /** API Gateway passes the original scheme in {@code X-Forwarded-Proto}; the local runner is plain HTTP. */
    private static String baseUrl(HttpRequest request) {
        String host = request.header("host").orElse("localhost");
        String scheme = request.header("x-forwarded-proto").map(p -> p.toLowerCase(Locale.ROOT))
                .filter(p -> p.equals("http") || p.equals("https"))
                .orElse(host.startsWith("127.0.0.1") || host.startsWith("localhost") ? "http" : "https");
        return scheme + "://" + host;
    }
}
