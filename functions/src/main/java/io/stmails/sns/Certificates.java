package io.stmails.sns;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Building the certificate source from settings, and parsing PEM certificates. */
public final class Certificates {
    private static final Logger LOG = LoggerFactory.getLogger(Certificates.class);

    private Certificates() {
    }

    /** Cached; PEM files in {@code directory} (may be null) first, then SNS over HTTPS. */
    public static CertificateSource standard(Path directory) {
        if (directory != null && !Files.isDirectory(directory)) {
            LOG.warn("certificate directory {} does not exist; SNS certificates will be fetched from SNS", directory);
        }
        CertificateSource https = new HttpsCertificateSource();
        return new CachingCertificateSource(directory == null ? https : new DirectoryCertificateSource(directory, https));
    }

    /** @throws SnsVerificationException when the bytes are not an X.509 certificate (PEM or DER) */
    public static X509Certificate parse(byte[] encoded, String origin) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(encoded));
        } catch (CertificateException | ClassCastException e) {
            throw new SnsVerificationException(origin + " is not an X.509 certificate", e);
        }
    }
}
