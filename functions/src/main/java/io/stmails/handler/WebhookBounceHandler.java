package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.stmails.webhook.NativeWebhook;

/** {@code webhook-bounce}: {@code POST /webhooks/bounce}. */
public final class WebhookBounceHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final NativeWebhook webhook;

    public WebhookBounceHandler() {
        this(Services.fromEnvironment());
    }

    public WebhookBounceHandler(Services services) {
        this.webhook = new NativeWebhook(services.settings().bounce(), services.authenticator(), services.recorder(),
                services.responses(), services.json());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiGatewayHttp.toResponse(webhook.handle(ApiGatewayHttp.toRequest(event)));
    }
}
