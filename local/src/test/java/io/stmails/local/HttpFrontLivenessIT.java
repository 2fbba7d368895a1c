package io.stmails.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Slow or oversized clients against the HTTP front: they are cut off, and nobody else waits for them. */
class HttpFrontLivenessIT {
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);
    private static final int STALLED_CLIENTS = 20;
    private HttpFront front;
    private volatile long functionMillis;

    @BeforeEach
    void start() throws Exception {
        front = new HttpFront(0, (function, event) -> {
            try {
                Thread.sleep(functionMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "{\"statusCode\":200,\"body\":\"{}\"}";
        }, new ObjectMapper(),
                new HttpFront.Limits(IDLE_TIMEOUT, HttpFront.Limits.DEFAULTS.maxHeaderBytes(), HttpFront.Limits.DEFAULTS.workers()));
        front.start();
    }

    @AfterEach
    void stop() {
        front.close();
    }

    @Test
    void stalledClientsDoNotHoldUpOthersAndAreCutOff() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED_CLIENTS; i++) {
                Socket socket = new Socket("127.0.0.1", front.port());
                String head = i % 2 == 0
                        ? "POST /webhooks/bounce HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{\"email\":"
                        : "GET /api/bounces HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ";
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                stalled.add(socket);
            }
            long started = System.nanoTime();
            Response normal = request("GET /api/bounces HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            System.out.printf("with %d stalled connections a normal request was answered %d in %d ms%n",
                    STALLED_CLIENTS, normal.status, millis);
            assertEquals(200, normal.status);
            assertTrue(millis < 2000, "a normal request waited " + millis + " ms behind stalled clients");

            long cutOff = System.nanoTime();
            for (Socket socket : stalled) {
                socket.setSoTimeout(5000);
                assertClosedByServer(socket);
            }
            long cutOffMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cutOff);
            System.out.printf("all %d stalled connections were closed by the server within %d ms (idle timeout %d ms)%n",
                    STALLED_CLIENTS, cutOffMillis, IDLE_TIMEOUT.toMillis());
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void aFunctionSlowerThanTheIdleTimeoutIsStillAnswered() throws Exception {
        functionMillis = IDLE_TIMEOUT.toMillis() * 2;
        assertEquals(200, request("GET /api/bounces HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").status);
    }

    @Test
    void aOneMegabyteUrlIs414() throws Exception {
        Response response = request("GET /api/bounces?q=" + "a".repeat(1024 * 1024)
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertEquals(414, response.status);
        assertTrue(response.text.contains("\"message\""), response.text);
    }

    @Test
    void aOneMegabyteHeaderIs431() throws Exception {
        Response response = request("GET /api/bounces HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "a".repeat(1024 * 1024)
                + "\r\nConnection: close\r\n\r\n");
        assertEquals(431, response.status);
        assertTrue(response.text.contains("\"message\""), response.text);
    }

    private record Response(int status, String text) {
    }

    /**
     * Writes the request from another thread (the server may answer and stop reading before all of
     * it is sent) and reads the answer.
     */
    private Response request(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", front.port())) {
            socket.setSoTimeout(10_000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(request.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException ignored) {
                    // the server answered before reading everything, and closed
                }
            });
            writer.start();
            InputStream in = socket.getInputStream();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            writer.join(5000);
            assertTrue(text.startsWith("HTTP/1.1 "), "no HTTP answer: " + text);
            return new Response(Integer.parseInt(text.substring(9, 12)), text);
        }
    }

    private static void assertClosedByServer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // an error answer before the close is fine
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("a stalled connection was still open 5 s after the idle timeout", e);
        } catch (IOException reset) {
            // closed with a reset: closed all the same
        }
    }
}
