package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.stmails.priming.Priming;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.stmails.api.ApiRouter;
import io.stmails.console.ConsoleAssets;
import io.stmails.http.HttpRequest;
import io.stmails.metrics.BounceMetrics;
import io.stmails.wiring.ApiWiring;
import io.stmails.wiring.Components;
import io.stmails.wiring.Environment;
import io.stmails.wiring.FunctionWiring;
import io.stmails.wiring.LambdaWiring;

/** {@code api}: every {@code /api/*} route, and the operator console's static files under {@code /console/}. */
public final class ApiHandler extends HttpApiHandler {
    private final ApiRouter router;
    private final ConsoleAssets console = new ConsoleAssets();
    private final BounceMetrics metrics;

    /** The SnapStart priming hook, held because CRaC keeps registered resources weakly; null outside Lambda. */
    private final Priming priming;

    public ApiHandler() {
        this(LambdaWiring.components(Environment.system(), FunctionWiring.API_READS), true);
    }

    public ApiHandler(Components parts) {
        this(parts, false);
    }

    private ApiHandler(Components parts, boolean snapStart) {
        super(parts.json());
        this.router = ApiWiring.router(parts);
        this.metrics = parts.metrics();
        this.priming = snapStart ? Priming.http("api", parts, this::request).register() : null;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return Invocation.run(context, Invocation.requestId(event), metrics, () -> {
            HttpRequest request = ApiGatewayHttp.toRequest(event);
            return ApiGatewayHttp.toResponse(ConsoleAssets.serves(request.path())
                    ? console.serve(request.method(), request.path())
                    : router.handle(request));
        });
    }
}
