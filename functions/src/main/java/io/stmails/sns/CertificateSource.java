package io.stmails.sns;

import java.net.URI;
import java.security.cert.X509Certificate;

/** Where SNS signing certificates come from. Only called with a URL that passed {@link SnsMessageVerifier}'s check. */
public interface CertificateSource {

    /**
     * @throws SnsVerificationException        when the URL does not give a certificate (not found, not a certificate)
     * @throws CertificateUnavailableException when it cannot be fetched right now
     */
    X509Certificate certificate(URI url);
}
