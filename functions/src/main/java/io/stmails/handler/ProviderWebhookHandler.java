package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.stmails.priming.Priming;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.stmails.metrics.BounceMetrics;
import io.stmails.providers.ProviderWebhook;
import io.stmails.wiring.Components;
import io.stmails.wiring.Environment;
import io.stmails.wiring.FunctionWiring;
import io.stmails.wiring.LambdaWiring;

/**
 * {@code webhook-sendgrid}, {@code webhook-postmark}, ...: {@code POST /webhooks/service/{provider}}.
 * Every provider function runs this one class; the route that invoked it names the provider, so no
 * per-provider class or environment variable is needed (see {@link io.stmails.catalog.FunctionCatalog}).
 */
public final class ProviderWebhookHandler extends HttpApiHandler {
    private final ProviderWebhook webhook;
    private final BounceMetrics metrics;

    /** The SnapStart priming hook, held because CRaC keeps registered resources weakly; null outside Lambda. */
    private final Priming priming;

    public ProviderWebhookHandler() {
        this(LambdaWiring.components(Environment.system(), FunctionWiring.PROVIDER_WEBHOOK_READS), true);
    }

    public ProviderWebhookHandler(Components parts) {
        this(parts, false);
    }

    private ProviderWebhookHandler(Components parts, boolean snapStart) {
        super(parts.json());
        this.webhook = FunctionWiring.providerWebhook(parts);
        this.metrics = parts.metrics();
        this.priming = snapStart ? Priming.http("provider-webhook", parts, this::request).register() : null;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocation.run(context, Invocation.requestId(event), metrics,
                () -> ApiGatewayHttp.toResponse(webhook.handle(ApiGatewayHttp.toRequest(event))));
    }
}
