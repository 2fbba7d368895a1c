package io.stmails.suppression.sesv2;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The SDK's HTTP layer, replaced: records each request exactly as the SDK marshalled and signed it,
 * and answers with the canned responses it was given, in order. Nothing leaves the process.
 */
final class RecordingHttpClient implements SdkHttpClient {
    /** A request as it would have gone on the wire. */
    record Sent(SdkHttpRequest request, String body) {
    }

    private record Canned(int status, String errorType, String body) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private final Deque<Canned> answers = new ArrayDeque<>();

    RecordingHttpClient answer(int status, String body) {
        answers.add(new Canned(status, null, body));
        return this;
    }

    RecordingHttpClient error(int status, String errorType, String message) {
        answers.add(new Canned(status, errorType, "{\"message\":\"" + message + "\"}"));
        return this;
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() {
                sent.add(new Sent(request.httpRequest(), request.contentStreamProvider()
                        .map(provider -> read(provider.newStream())).orElse("")));
                Canned canned = answers.removeFirst();
                SdkHttpResponse.Builder response = SdkHttpResponse.builder().statusCode(canned.status())
                        .putHeader("Content-Type", "application/json")
                        .putHeader("x-amzn-RequestId", "req-" + sent.size());
                if (canned.errorType() != null) {
                    response.putHeader("x-amzn-ErrorType", canned.errorType());
                }
                byte[] body = canned.body().getBytes(StandardCharsets.UTF_8);
                response.putHeader("Content-Length", Integer.toString(body.length));
                return HttpExecuteResponse.builder().response(response.build())
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
            }

            @Override
            public void abort() {
            }
        };
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
    }
}
