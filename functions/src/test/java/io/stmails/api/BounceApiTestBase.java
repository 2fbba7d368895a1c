package io.stmails.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.Bounce;
import io.stmails.http.HttpResponse;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/** What the bounce API tests say to their {@link BounceFixture}, in short. */
abstract class BounceApiTestBase {
    BounceFixture f;

    HttpResponse call(String method, String path, String query) {
        return f.call(method, path, query);
    }

    JsonNode data(HttpResponse response) throws Exception {
        return f.data(response);
    }

    List<String> walk(String query) throws Exception {
        return f.walk(query);
    }

    List<Bounce> sorted(Comparator<Bounce> order) {
        return f.sorted(order);
    }

    long count(Predicate<Bounce> predicate) {
        return f.count(predicate);
    }

    Predicate<Bounce> matcher(String filter) {
        return f.matcher(filter);
    }
}
