package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.stmails.priming.Priming;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.stmails.metrics.BounceMetrics;
import io.stmails.providers.ProviderWebhook;
import io.stmails.providers.catalog.ProviderCatalog;

/**
 * {@code webhook-sendgrid}, {@code webhook-postmark}, ...: {@code POST /webhooks/service/{provider}}.
 * Every provider function runs this one class; the route that invoked it names the provider, so no
 * per-provider class or environment variable is needed (see {@link FunctionCatalog}).
 */
public final class ProviderWebhookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ProviderWebhook webhook;
    private final BounceMetrics metrics;

    /** The SnapStart priming hook, held because CRaC keeps registered resources weakly; null outside Lambda. */
    private Priming priming;

    public ProviderWebhookHandler() {
        this(Services.fromEnvironment());
        this.priming = Priming.http("provider-webhook", Services.fromEnvironment()).register();
    }

    public ProviderWebhookHandler(Services services) {
        this.webhook = new ProviderWebhook(services.settings().bounce(), ProviderCatalog.from(services.settings()),
                services.secrets(), services.recorder(), services.responses(), services.json(), services.clock(),
                services.metrics());
        this.metrics = services.metrics();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocation.run(context, Invocation.requestId(event), metrics,
                () -> ApiGatewayHttp.toResponse(webhook.handle(ApiGatewayHttp.toRequest(event))));
    }
}
