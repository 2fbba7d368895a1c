package io.stmails.api;

import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One API route: method, path template with {@code {param}} segments, the permission it needs (null:
 * any authenticated user), its handler.
 */
public final class ApiRoute {
    private static final Pattern PARAMETER = Pattern.compile("\\{([a-z_]+)}");

    @FunctionalInterface
    public interface Handler {
        HttpResponse handle(HttpRequest request, Map<String, String> pathParams);
    }

    private final String method;
    private final String permission;
    private final Handler handler;
    private final Pattern path;
    private final List<String> parameters;

    public ApiRoute(String method, String template, String permission, Handler handler) {
        this.method = method;
        this.permission = permission;
        this.handler = handler;
        this.parameters = PARAMETER.matcher(template).results().map(r -> r.group(1)).toList();
        this.path = Pattern.compile("^" + PARAMETER.matcher(template).replaceAll("([^/]+)") + "/?$");
    }

    public String permission() {
        return permission;
    }

    Handler handler() {
        return handler;
    }

    Optional<Map<String, String>> match(String requestMethod, String requestPath) {
        return method.equals(requestMethod) ? matchPath(requestPath) : Optional.empty();
    }

    Optional<Map<String, String>> matchPath(String requestPath) {
        Matcher matcher = path.matcher(requestPath);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            values.put(parameters.get(i), matcher.group(i + 1));
        }
        return Optional.of(values);
    }
}
