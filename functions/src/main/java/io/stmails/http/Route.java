package io.stmails.http;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP API route as API Gateway spells it: a method ({@code ANY} for every method the path has no
 * route of its own for) and a path template whose segments are literal, {@code {name}} (one segment) or,
 * last, {@code {name+}} (the rest of the path). In AWS, API Gateway matches requests to routes; the
 * local runner and tests match them here, by the same rules.
 */
public record Route(String method, String path) {
    /** API Gateway's order when several routes match: literal segments before variables, variables before greedy; then a method before {@code ANY}. */
    public static final Comparator<Route> MOST_SPECIFIC_FIRST = Comparator
            .comparing((Route route) -> route.segments().stream().map(Route::rank).toList(), Route::compareRanks)
            .thenComparing(route -> route.method().equals("ANY"));

    public Route {
        if (!path.startsWith("/") || method.isBlank()) {
            throw new IllegalArgumentException("not a route: " + method + " " + path);
        }
    }

    /** {@code "GET /api/bounces/{id}"}: API Gateway's route key. */
    public static Route parse(String key) {
        int space = key.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("not a route key: " + key);
        }
        return new Route(key.substring(0, space), key.substring(space + 1));
    }

    public String key() {
        return method + " " + path;
    }

    /**
     * The path parameters when this route serves {@code requestMethod} on {@code requestPath}, percent-decoded as
     * API Gateway hands them on (a value that does not decode is kept as sent, for the function to refuse). A
     * trailing slash is a segment of its own, as in API Gateway; a greedy variable takes the rest of the path (possibly empty).
     */
    public Optional<Map<String, String>> match(String requestMethod, String requestPath) {
        if (!method.equals("ANY") && !method.equals(requestMethod)) {
            return Optional.empty();
        }
        List<String> template = segments();
        String[] actual = requestPath.split("/", -1);
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < template.size(); i++) {
            String segment = template.get(i);
            if (isGreedy(segment)) {
                String rest = String.join("/", List.of(actual).subList(Math.min(i + 1, actual.length), actual.length));
                parameters.put(segment.substring(1, segment.length() - 2), decoded(rest));
                return Optional.of(parameters);
            }
            if (i + 1 >= actual.length) {
                return Optional.empty();
            }
            String value = actual[i + 1];
            if (isVariable(segment) && !value.isEmpty()) {
                parameters.put(segment.substring(1, segment.length() - 1), decoded(value));
            } else if (!segment.equals(value)) {
                return Optional.empty();
            }
        }
        return template.size() + 1 == actual.length ? Optional.of(parameters) : Optional.empty();
    }

    private static String decoded(String value) {
        try {
            return QueryString.decodePathSegment(value);
        } catch (BadRequestException malformed) {
            return value;
        }
    }

    private List<String> segments() {
        return List.of(path.substring(1).split("/", -1));
    }

    private static boolean isGreedy(String segment) {
        return segment.startsWith("{") && segment.endsWith("+}");
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    /** 0 literal, 1 variable, 2 greedy. */
    private static int rank(String segment) {
        return isGreedy(segment) ? 2 : isVariable(segment) ? 1 : 0;
    }

    private static int compareRanks(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int byRank = Integer.compare(a.get(i), b.get(i));
            if (byRank != 0) {
                return byRank;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
