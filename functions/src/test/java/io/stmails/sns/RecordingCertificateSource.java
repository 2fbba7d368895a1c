package io.stmails.sns;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Serves the test certificate from its directory and remembers every URL it was asked for. */
final class RecordingCertificateSource implements CertificateSource {
    final List<URI> requested = new CopyOnWriteArrayList<>();
    private final CertificateSource directory = new DirectoryCertificateSource(SnsTestKeys.certificateDir(), url -> {
        throw new SnsVerificationException("no such test certificate: " + url);
    });

    @Override
    public X509Certificate certificate(URI url) {
        requested.add(url);
        return directory.certificate(url);
    }
}
