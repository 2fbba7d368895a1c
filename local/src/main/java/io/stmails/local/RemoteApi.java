package io.stmails.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The stmails API the jar's client commands call (the local runner or a deployed stack), with Basic credentials. */
final class RemoteApi {
    private final String baseUrl;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private RemoteApi(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    /** @throws IllegalArgumentException when the credentials are missing */
    static RemoteApi of(String url, String user, String token) {
        if (user == null || token == null) {
            throw new IllegalArgumentException("set STMAILS_API_USER and STMAILS_API_TOKEN (or --user and --token)");
        }
        return new RemoteApi(url.replaceAll("/+$", ""), "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8)));
    }

    /** A request to {@code pathAndQuery} (from {@code /api/...}) carrying the credentials. */
    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(60));
    }

    HttpClient http() {
        return http;
    }
}
