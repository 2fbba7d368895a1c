package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.stmails.priming.Priming;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.stmails.metrics.BounceMetrics;
import io.stmails.ses.SesSnsEndpoint;
import io.stmails.wiring.Components;
import io.stmails.wiring.Environment;
import io.stmails.wiring.FunctionWiring;
import io.stmails.wiring.LambdaWiring;

/** {@code webhook-ses}: {@code POST /webhooks/service/ses}, an SNS HTTPS subscription for SES feedback. */
public final class WebhookSesHandler extends HttpApiHandler {
    private final SesSnsEndpoint endpoint;
    private final BounceMetrics metrics;

    /** The SnapStart priming hook, held because CRaC keeps registered resources weakly; null outside Lambda. */
    private final Priming priming;

    public WebhookSesHandler() {
        this(LambdaWiring.components(Environment.system(), FunctionWiring.SES_READS), true);
    }

    public WebhookSesHandler(Components parts) {
        this(parts, false);
    }

    private WebhookSesHandler(Components parts, boolean snapStart) {
        super(parts.json());
        this.endpoint = FunctionWiring.webhookSes(parts);
        this.metrics = parts.metrics();
        this.priming = snapStart ? Priming.http("webhook-ses", parts, this::request).register() : null;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocation.run(context, Invocation.requestId(event), metrics,
                () -> ApiGatewayHttp.toResponse(endpoint.handle(ApiGatewayHttp.toRequest(event))));
    }
}
