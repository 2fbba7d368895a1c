package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.stmails.priming.Priming;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.stmails.api.ApiRouter;

/** {@code api}: every {@code /api/*} route. */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final ApiRouter router;

    /** The SnapStart priming hook, held because CRaC keeps registered resources weakly; null outside Lambda. */
    private Priming priming;

    public ApiHandler() {
        this(Services.fromEnvironment());
        this.priming = Priming.http("api", Services.fromEnvironment()).register();
    }

    public ApiHandler(Services services) {
        this.router = services.apiRouter();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ApiGatewayHttp.toResponse(router.handle(ApiGatewayHttp.toRequest(event)));
    }
}
