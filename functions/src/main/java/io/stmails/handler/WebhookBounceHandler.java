package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.stmails.priming.Priming;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.stmails.metrics.BounceMetrics;
import io.stmails.webhook.ListmonkBounceWebhook;

/** {@code webhook-bounce}: {@code POST /webhooks/bounce}. */
public final class WebhookBounceHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ListmonkBounceWebhook webhook;
    private final BounceMetrics metrics;

    /** The SnapStart priming hook, held because CRaC keeps registered resources weakly; null outside Lambda. */
    private Priming priming;

    public WebhookBounceHandler() {
        this(Services.fromEnvironment());
        this.priming = Priming.http("webhook-bounce", Services.fromEnvironment()).register();
    }

    public WebhookBounceHandler(Services services) {
        this.webhook = new ListmonkBounceWebhook(services.settings().bounce(), services.authenticator(), services.recorder(),
                services.responses(), services.json(), services.metrics());
        this.metrics = services.metrics();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocation.run(context, Invocation.requestId(event), metrics,
                () -> ApiGatewayHttp.toResponse(webhook.handle(ApiGatewayHttp.toRequest(event))));
    }
}
