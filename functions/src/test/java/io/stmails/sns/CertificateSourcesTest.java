package io.stmails.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateSourcesTest {
    private static final URI TEST_URL = URI.create(SnsTestKeys.CERT_URL);
    private static final CertificateSource NO_FALLBACK = url -> {
        throw new AssertionError("the fallback must not be asked for " + url);
    };

    @Test
    void directoryServesFilesNamedLikeTheUrl() throws Exception {
        X509Certificate certificate = new DirectoryCertificateSource(SnsTestKeys.certificateDir(), NO_FALLBACK)
                .certificate(TEST_URL);
        assertEquals(testCertificate(), certificate);
    }

    @Test
    void directoryFallsBackWhenItHasNoSuchFile(@TempDir Path empty) {
        X509Certificate expected = testCertificate();
        List<URI> asked = new ArrayList<>();
        X509Certificate certificate = new DirectoryCertificateSource(empty, url -> {
            asked.add(url);
            return expected;
        }).certificate(TEST_URL);
        assertSame(expected, certificate);
        assertEquals(List.of(TEST_URL), asked);
    }

    @Test
    void directoryRefusesAFileThatIsNotACertificate(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(SnsTestKeys.CERT_FILE), "-----BEGIN CERTIFICATE-----\nbroken\n");
        assertThrows(SnsVerificationException.class,
                () -> new DirectoryCertificateSource(dir, NO_FALLBACK).certificate(TEST_URL));
    }

    @Test
    void cacheFetchesEachUrlOnceUnderConcurrency() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        X509Certificate expected = testCertificate();
        CachingCertificateSource cache = new CachingCertificateSource(url -> {
            fetches.incrementAndGet();
            return expected;
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<X509Certificate>> results = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.certificate(TEST_URL);
                }));
            }
            start.countDown();
            for (Future<X509Certificate> result : results) {
                assertSame(expected, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fetches.get());
    }

    @Test
    void cacheDoesNotKeepFailures() {
        AtomicInteger fetches = new AtomicInteger();
        X509Certificate expected = testCertificate();
        CachingCertificateSource cache = new CachingCertificateSource(url -> {
            if (fetches.incrementAndGet() == 1) {
                throw new CertificateUnavailableException("timed out", null);
            }
            return expected;
        });
        assertThrows(CertificateUnavailableException.class, () -> cache.certificate(TEST_URL));
        assertSame(expected, cache.certificate(TEST_URL));
        assertSame(expected, cache.certificate(TEST_URL));
        assertEquals(2, fetches.get());
    }

    static X509Certificate testCertificate() {
        return new DirectoryCertificateSource(SnsTestKeys.certificateDir(), NO_FALLBACK).certificate(TEST_URL);
    }
}
