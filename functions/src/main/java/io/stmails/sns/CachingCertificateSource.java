package io.stmails.sns;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Keeps each certificate by URL for the life of the runtime (SNS rotates certificates by publishing
 * new URLs). Concurrent first requests for one URL fetch it once; failures are not kept.
 */
public final class CachingCertificateSource implements CertificateSource {
    private final CertificateSource delegate;
    private final ConcurrentMap<URI, X509Certificate> cache = new ConcurrentHashMap<>();

    public CachingCertificateSource(CertificateSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public X509Certificate certificate(URI url) {
        return cache.computeIfAbsent(url, delegate::certificate);
    }
}
