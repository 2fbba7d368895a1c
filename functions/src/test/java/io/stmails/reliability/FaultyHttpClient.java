package io.stmails.reliability;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * The real SDK's HTTP layer with one fault injected on the Nth call: a throttling or cancelled
 * transaction answered as DynamoDB answers them, a 500, a connection that fails before the request
 * is sent, or one that fails after DynamoDB applied it (the answer is lost, the write is not).
 */
public final class FaultyHttpClient implements SdkHttpClient {

    public enum Fault { THROTTLED, TRANSACTION_CANCELLED, SERVER_ERROR, IO_BEFORE_SENDING, IO_AFTER_APPLYING }

    private final SdkHttpClient delegate;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> injected = new ArrayList<>();
    private volatile int failAt = -1;
    private volatile Fault fault;

    public FaultyHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    /** The {@code call}-th request from now (1 is the next one) gets {@code fault}. */
    public synchronized void failAt(int call, Fault fault) {
        this.failAt = calls.get() + call;
        this.fault = fault;
    }

    /** What was injected so far, as "fault on operation". */
    public synchronized List<String> injected() {
        return List.copyOf(injected);
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        int call = calls.incrementAndGet();
        ExecutableHttpRequest real = delegate.prepareRequest(request);
        if (call != failAt) {
            return real;
        }
        String operation = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("?");
        synchronized (this) {
            injected.add(fault + " on " + operation);
        }
        return switch (fault) {
            case THROTTLED -> answer(400, dynamoError("ProvisionedThroughputExceededException",
                    "The level of configured provisioned throughput for the table was exceeded (injected)"));
            case TRANSACTION_CANCELLED -> operation.endsWith("TransactWriteItems")
                    ? answer(400, "{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                            + "\"Message\":\"Transaction cancelled, please refer cancellation reasons for specific reasons "
                            + "[ThrottlingError]\",\"CancellationReasons\":[{\"Code\":\"ThrottlingError\","
                            + "\"Message\":\"Throughput exceeds the current capacity (injected)\"}]}")
                    : answer(400, dynamoError("ThrottlingException", "Rate of requests exceeds the allowed throughput (injected)"));
            case SERVER_ERROR -> answer(500, dynamoError("InternalServerError", "Internal server error (injected)"));
            case IO_BEFORE_SENDING -> failing(() -> {
                throw new IOException("connection reset (injected, before sending)");
            });
            case IO_AFTER_APPLYING -> failing(() -> {
                HttpExecuteResponse response = real.call();
                response.responseBody().ifPresent(body -> {
                    try {
                        body.readAllBytes();
                        body.close();
                    } catch (IOException ignored) {
                        // The answer is thrown away anyway.
                    }
                });
                throw new IOException("connection reset (injected, after DynamoDB applied the request)");
            });
        };
    }

    private static String dynamoError(String type, String message) {
        return "{\"__type\":\"com.amazonaws.dynamodb.v20120810#" + type + "\",\"message\":\"" + message + "\"}";
    }

    private interface IoCall {
        HttpExecuteResponse call() throws IOException;
    }

    private static ExecutableHttpRequest failing(IoCall call) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                return call.call();
            }

            @Override
            public void abort() {
            }
        };
    }

    /** A canned answer, as DynamoDB's JSON protocol sends errors. */
    static ExecutableHttpRequest answer(int status, String body) {
        return answer(status, "application/x-amz-json-1.0", body);
    }

    static ExecutableHttpRequest answer(int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return failing(() -> HttpExecuteResponse.builder()
                .response(SdkHttpResponse.builder().statusCode(status).putHeader("Content-Type", contentType)
                        .putHeader("Content-Length", Integer.toString(bytes.length))
                        .putHeader("x-amzn-RequestId", "injected").build())
                .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                .build());
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String clientName() {
        return "faulty-" + delegate.clientName();
    }

    /** An SNS endpoint in memory, for the real SnsClient: records each Publish, fails the Nth one when told to. */
    public static final class FakeSns implements SdkHttpClient {
        private final List<String> published = new ArrayList<>();
        private final AtomicInteger calls = new AtomicInteger();
        private volatile int failAt = -1;
        private volatile int failStatus;

        public synchronized List<String> published() {
            return List.copyOf(published);
        }

        /** The {@code call}-th publish from now fails: status 0 is a lost connection, else SNS's error answer with it. */
        public void failAt(int call, int status) {
            failStatus = status;
            failAt = calls.get() + call;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            int call = calls.incrementAndGet();
            if (call == failAt) {
                return failStatus == 0
                        ? failing(() -> {
                            throw new IOException("connection reset (injected)");
                        })
                        : answer(failStatus, "text/xml", "<ErrorResponse><Error><Type>Receiver</Type><Code>"
                                + (failStatus == 400 ? "Throttling" : "InternalError") + "</Code><Message>injected</Message>"
                                + "</Error><RequestId>injected</RequestId></ErrorResponse>");
            }
            String form = request.contentStreamProvider().map(provider -> {
                try (InputStream in = provider.newStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).orElse("");
            synchronized (this) {
                published.add(URLDecoder.decode(form, StandardCharsets.UTF_8));
            }
            return answer(200, "text/xml", "<PublishResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><PublishResult>"
                    + "<MessageId>m-" + call + "</MessageId></PublishResult><ResponseMetadata><RequestId>r-" + call
                    + "</RequestId></ResponseMetadata></PublishResponse>");
        }

        @Override
        public void close() {
        }

        @Override
        public String clientName() {
            return "fake-sns";
        }
    }
}
