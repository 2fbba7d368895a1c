package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.stmails.priming.Priming;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.stmails.metrics.BounceMetrics;
import io.stmails.webhook.ListmonkBounceWebhook;
import io.stmails.wiring.Components;
import io.stmails.wiring.Environment;
import io.stmails.wiring.FunctionWiring;
import io.stmails.wiring.LambdaWiring;

/** {@code webhook-bounce}: {@code POST /webhooks/bounce}. */
public final class WebhookBounceHandler extends HttpApiHandler {
    private final ListmonkBounceWebhook webhook;
    private final BounceMetrics metrics;

    /** The SnapStart priming hook, held because CRaC keeps registered resources weakly; null outside Lambda. */
    private final Priming priming;

    public WebhookBounceHandler() {
        this(LambdaWiring.components(Environment.system(), FunctionWiring.WEBHOOK_BOUNCE_READS), true);
    }

    public WebhookBounceHandler(Components parts) {
        this(parts, false);
    }

    private WebhookBounceHandler(Components parts, boolean snapStart) {
        super(parts.json());
        this.webhook = FunctionWiring.webhookBounce(parts);
        this.metrics = parts.metrics();
        this.priming = snapStart ? Priming.http("webhook-bounce", parts, this::request).register() : null;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocation.run(context, Invocation.requestId(event), metrics,
                () -> ApiGatewayHttp.toResponse(webhook.handle(ApiGatewayHttp.toRequest(event))));
    }
}
