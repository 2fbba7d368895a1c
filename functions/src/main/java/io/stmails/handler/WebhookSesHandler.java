package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.stmails.priming.Priming;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.stmails.metrics.BounceMetrics;
import io.stmails.ses.SesFeedback;
import io.stmails.ses.SesSnsEndpoint;
import io.stmails.webhook.WebhookGate;

/** {@code webhook-ses}: {@code POST /webhooks/service/ses}, an SNS HTTPS subscription for SES feedback. */
public final class WebhookSesHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final SesSnsEndpoint endpoint;
    private final BounceMetrics metrics;

    /** The SnapStart priming hook, held because CRaC keeps registered resources weakly; null outside Lambda. */
    private Priming priming;

    public WebhookSesHandler() {
        this(Services.fromEnvironment());
        this.priming = Priming.http("webhook-ses", Services.fromEnvironment()).register();
    }

    public WebhookSesHandler(Services services) {
        this.endpoint = new SesSnsEndpoint(services.settings().ses(),
                new WebhookGate(services.settings().bounce(), services.responses(), services.metrics()),
                SesFeedback.create(services.settings(), services.recorder(), services.json()),
                services.subscriptionConfirmer(), services.responses(), services.json());
        this.metrics = services.metrics();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocation.run(context, Invocation.requestId(event), metrics,
                () -> ApiGatewayHttp.toResponse(endpoint.handle(ApiGatewayHttp.toRequest(event))));
    }
}
