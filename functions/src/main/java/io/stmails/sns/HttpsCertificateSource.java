package io.stmails.sns;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a certificate from SNS: bounded connect time and total time, redirects never followed (the
 * checked URL is the only place a certificate may come from), at most {@value #MAX_BYTES} bytes.
 * The HTTP client is made at the first fetch: a function whose certificates are all on disk, or that
 * is snapshotted by SnapStart before any message, never starts its selector thread.
 */
public final class HttpsCertificateSource implements CertificateSource {
    static final int MAX_BYTES = 64 * 1024;

    private final Duration connectTimeout;
    private final Duration totalTimeout;
    private HttpClient client;

    public HttpsCertificateSource() {
        this(Duration.ofSeconds(3), Duration.ofSeconds(5));
    }

    public HttpsCertificateSource(Duration connectTimeout, Duration totalTimeout) {
        this.connectTimeout = connectTimeout;
        this.totalTimeout = totalTimeout;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return client;
    }

    @Override
    public X509Certificate certificate(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(totalTimeout).GET().build();
        CompletableFuture<HttpResponse<byte[]>> call = client().sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            response = call.get(totalTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new CertificateUnavailableException("fetching " + url + " took longer than " + totalTimeout, e);
        } catch (ExecutionException e) {
            throw new CertificateUnavailableException("fetching " + url + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw new CertificateUnavailableException("interrupted while fetching " + url, e);
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429) {
            throw new CertificateUnavailableException(url + " answered " + status, null);
        }
        if (status != 200) {
            throw new SnsVerificationException(url + " answered " + status + " (redirects are not followed)");
        }
        if (response.body().length > MAX_BYTES) {
            throw new SnsVerificationException(url + " is larger than " + MAX_BYTES + " bytes");
        }
        return Certificates.parse(response.body(), url.toString());
    }
}
