package io.stmails.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The network source against a loopback server (plain HTTP: the https-only rule belongs to the
 * URL check, which runs before any source is asked).
 */
class HttpsCertificateSourceTest {
    private final List<String> requested = new CopyOnWriteArrayList<>();
    private final HttpsCertificateSource source =
            new HttpsCertificateSource(Duration.ofSeconds(3), Duration.ofSeconds(3));
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private HttpServer server;
    private byte[] pem;

    @BeforeEach
    void start() throws IOException {
        pem = Files.readAllBytes(SnsTestKeys.certificateDir().resolve(SnsTestKeys.CERT_FILE));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requested.add(exchange.getRequestURI().getPath());
            switch (exchange.getRequestURI().getPath()) {
                case "/cert.pem" -> reply(exchange, 200, pem);
                case "/moved.pem" -> {
                    exchange.getResponseHeaders().add("Location", "/cert.pem");
                    reply(exchange, 302, new byte[0]);
                }
                case "/busy.pem" -> reply(exchange, 503, new byte[0]);
                case "/junk.pem" -> reply(exchange, 200, "<html>not a certificate</html>".getBytes(StandardCharsets.UTF_8));
                case "/huge.pem" -> reply(exchange, 200, new byte[HttpsCertificateSource.MAX_BYTES + 1]);
                case "/slow.pem" -> {
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    reply(exchange, 200, pem);
                }
                default -> reply(exchange, 404, new byte[0]);
            }
        });
        server.setExecutor(handlers);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void fetchesAndParsesTheCertificate() {
        assertEquals(CertificateSourcesTest.testCertificate(), source.certificate(url("/cert.pem")));
    }

    @Test
    void neverFollowsARedirect() {
        SnsVerificationException e = assertThrows(SnsVerificationException.class, () -> source.certificate(url("/moved.pem")));
        assertTrue(e.getMessage().contains("302"), e.getMessage());
        assertEquals(List.of("/moved.pem"), requested);
    }

    @Test
    void missingOrInvalidCertificatesAreRefusals() {
        assertThrows(SnsVerificationException.class, () -> source.certificate(url("/gone.pem")));
        assertThrows(SnsVerificationException.class, () -> source.certificate(url("/junk.pem")));
        assertThrows(SnsVerificationException.class, () -> source.certificate(url("/huge.pem")));
    }

    @Test
    void serverTroubleTimeoutsAndRefusedConnectionsAreWorthARetry() throws IOException {
        assertThrows(CertificateUnavailableException.class, () -> source.certificate(url("/busy.pem")));
        assertThrows(CertificateUnavailableException.class, () -> source.certificate(url("/slow.pem")));
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + closedPort + "/cert.pem");
        assertThrows(CertificateUnavailableException.class, () -> source.certificate(nobody));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
