package io.stmails.infra;

import io.stmails.catalog.FunctionCatalog.Trigger;
import io.stmails.catalog.FunctionCatalog;
import io.stmails.http.Route;
import java.util.Arrays;
import java.util.List;

/**
 * A function as the stack sees it: name, Lambda handler string, trigger and HTTP routes. A deployed
 * stack always takes every entry of {@link FunctionCatalog}; the record exists so that the template
 * tests can also build the stack for functions the catalog does not list yet.
 */
public record FunctionSpec(String name, String handler, Trigger trigger, List<Route> routes) {
    public FunctionSpec {
        routes = List.copyOf(routes);
    }

    public static List<FunctionSpec> catalog() {
        return Arrays.stream(FunctionCatalog.values())
                .map(entry -> new FunctionSpec(entry.functionName(), entry.handler(), entry.trigger(), entry.routes()))
                .toList();
    }
}
