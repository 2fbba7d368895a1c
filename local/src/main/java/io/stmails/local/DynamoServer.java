package io.stmails.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.ServerSocket;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * In-memory DynamoDB Local behind HTTP on 127.0.0.1 and a free port, telemetry disabled: for the
 * benchmarks that need requests to go through the SDK's pipeline (interceptors) or another JVM.
 */
final class DynamoServer implements AutoCloseable {
    private final DynamoDBProxyServer server;
    private final int port;

    DynamoServer() {
        try {
            this.port = freePort();
            this.server = ServerRunner.createServerFromCommandLineArgs(new String[] {
                    "-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
            bindToLoopback(server);
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A client of this server with the project's HTTP client (url-connection) and the given interceptors. */
    DynamoDbClient client(ExecutionInterceptor... interceptors) {
        return LocalAws.at(endpoint(), interceptors).dynamo();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }

    /** DynamoDB Local has no option for the address it listens on; its Jetty connector listens on all of them. */
    private static void bindToLoopback(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (connector instanceof ServerConnector network) {
                network.setHost("127.0.0.1");
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
