package io.stmails.api;

import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One API route: method, path template with {@code {param}} segments, the permission it needs, its handler. */
public record ApiRoute(String method, String template, String permission, Handler handler) {

    @FunctionalInterface
    public interface Handler {
        HttpResponse handle(HttpRequest request, Map<String, String> pathParams);
    }

    Optional<Map<String, String>> match(String requestMethod, String path) {
        if (!method.equals(requestMethod)) {
            return Optional.empty();
        }
        return matchPath(path);
    }

    Optional<Map<String, String>> matchPath(String path) {
        String[] names = Pattern.compile("\\{([a-z_]+)}").matcher(template).results()
                .map(r -> r.group(1)).toArray(String[]::new);
        Matcher matcher = Pattern.compile("^" + template.replaceAll("\\{[a-z_]+}", "([^/]+)") + "/?$").matcher(path);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            params.put(names[i], matcher.group(i + 1));
        }
        return Optional.of(params);
    }
}
