package io.stmails.wiring;

import io.stmails.actions.ApiBlocklist;
import io.stmails.actions.ApiDeletion;
import io.stmails.actions.Erasure;
import io.stmails.actions.SuppressionImport;
import io.stmails.actions.SuppressionSync;
import io.stmails.api.ApiRoute;
import io.stmails.api.ApiRouter;
import io.stmails.api.BounceApi;
import io.stmails.api.MailboxesApi;
import io.stmails.api.MeApi;
import io.stmails.api.ReactivationApi;
import io.stmails.api.SettingsApi;
import io.stmails.api.SubscriberActionsApi;
import io.stmails.api.SubscriberApi;
import io.stmails.api.SuppressionApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** The {@code api} function's router: every {@code /api/*} route over the parts; reads every settings section. */
public final class ApiWiring {
    private ApiWiring() {
    }

    public static ApiRouter router(Components parts) {
        SuppressionSync sync = parts.suppressionSync();
        List<ApiRoute> routes = new ArrayList<>(new BounceApi(parts.bounces(), parts.subscribers(), parts.stats(),
                new ApiBlocklist(parts.subscribers(), sync, parts.clock()), parts.responses(), parts.json(),
                parts.clock()).routes());
        routes.addAll(new ReactivationApi(parts.reactivation(), parts.bounces(), parts.responses(), parts.json(),
                parts.clock()).routes());
        routes.addAll(new SubscriberApi(parts.subscribers(), parts.bounces(),
                new ApiDeletion(parts.subscribers(), parts.bounces(), sync, parts.clock()),
                new Erasure(parts.subscribers(), parts.history(), parts.bounces(), parts.suppressionList()),
                parts.responses(), parts.json(), parts.clock()).routes());
        routes.addAll(new SuppressionApi(parts.suppressionList(), new SuppressionImport(parts.suppressionList(),
                parts.subscribers(), parts.settings().bounce().blocklistUnsubscribesLists(), parts.clock()),
                parts.responses(), parts.json(), parts.clock()).routes());
        routes.addAll(new SubscriberActionsApi(parts.history(), parts.suppressionList(), parts.responses(), parts.json())
                .routes());
        routes.addAll(new SettingsApi(parts.settings(), parts.responses(), parts.json()).routes());
        routes.addAll(new MailboxesApi(parts.settings(), parts.scanLog(), parts.responses(), parts.json()).routes());
        Set<String> permissions = new TreeSet<>();
        routes.stream().map(ApiRoute::permission).filter(Objects::nonNull).forEach(permissions::add);
        routes.addAll(new MeApi(parts.authenticator(), permissions, parts.responses(), parts.json()).routes());
        return new ApiRouter(routes, parts.authenticator(), parts.responses());
    }
}
