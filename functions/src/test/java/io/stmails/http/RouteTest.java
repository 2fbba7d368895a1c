package io.stmails.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTest {

    @ParameterizedTest(name = "{0} {1} on {2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
        "GET|/api/bounces|GET /api/bounces|{}",
        "GET|/api/bounces/|GET /api/bounces|none",
        "POST|/api/bounces|GET /api/bounces|none",
        "GET|/api/bounces/x|GET /api/bounces|none",
        "GET|/api/bounce|GET /api/bounces|none",
        "GET|/api/bounces/01ARZ|GET /api/bounces/{id}|{id=01ARZ}",
        "GET|/api/bounces/|GET /api/bounces/{id}|none",
        "GET|/api/bounces/a/b|GET /api/bounces/{id}|none",
        "GET|/api/bounces/a%20b|GET /api/bounces/{id}|{id=a b}",
        "GET|/api/bounces/a+b|GET /api/bounces/{id}|{id=a+b}",
        "GET|/api/bounces/%zz|GET /api/bounces/{id}|{id=%zz}",
        "PATCH|/api/bounces/7|ANY /api/bounces/{id}|{id=7}",
        "GET|/console|GET /console/{proxy+}|{proxy=}",
        "GET|/console/|GET /console/{proxy+}|{proxy=}",
        "GET|/console/assets/app.js|GET /console/{proxy+}|{proxy=assets/app.js}",
        "GET|/consoles|GET /console/{proxy+}|none"})
    void matchesAsApiGatewayDoes(String method, String path, String route, String parameters) {
        assertEquals(Optional.ofNullable(parameters), Route.parse(route).match(method, path).map(Map::toString));
    }

    @Test
    void literalSegmentsComeBeforeVariablesAndVariablesBeforeGreedyThenAMethodBeforeAny() {
        List<Route> routes = List.of(Route.parse("ANY /api/{proxy+}"), Route.parse("ANY /api/bounces/{id}"),
                Route.parse("GET /api/bounces/{id}"), Route.parse("ANY /api/bounces/stats"), Route.parse("GET /api/bounces/stats"));
        assertEquals(List.of("GET /api/bounces/stats", "ANY /api/bounces/stats", "GET /api/bounces/{id}",
                "ANY /api/bounces/{id}", "ANY /api/{proxy+}"),
                routes.stream().sorted(Route.MOST_SPECIFIC_FIRST).map(Route::key).toList());
        assertEquals(List.of("GET /console", "GET /console/{proxy+}"), List.of(Route.parse("GET /console/{proxy+}"),
                Route.parse("GET /console")).stream().sorted(Route.MOST_SPECIFIC_FIRST).map(Route::key).toList());
    }
}
