package io.stmails.api;

import io.stmails.catalog.ApiEndpoint;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import java.util.Map;

/** A declared {@link ApiEndpoint} bound to the code that serves it. */
public record ApiRoute(ApiEndpoint endpoint, Handler handler) {

    @FunctionalInterface
    public interface Handler {
        HttpResponse handle(HttpRequest request, Map<String, String> pathParams);
    }

    public String permission() {
        return endpoint.permission();
    }
}
