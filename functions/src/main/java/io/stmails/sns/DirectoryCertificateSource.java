package io.stmails.sns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.regex.Pattern;

/**
 * Certificates kept as files named like the URL's last path segment
 * ({@code SimpleNotificationService-<id>.pem}), for machines without network access and for tests;
 * a URL without a file here goes to the fallback.
 */
public final class DirectoryCertificateSource implements CertificateSource {
    private static final Pattern FILE_NAME = Pattern.compile("^[A-Za-z0-9-]+\\.pem$");

    private final Path directory;
    private final CertificateSource fallback;

    public DirectoryCertificateSource(Path directory, CertificateSource fallback) {
        this.directory = directory;
        this.fallback = fallback;
    }

    @Override
    public X509Certificate certificate(URI url) {
        String path = url.getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        if (!FILE_NAME.matcher(name).matches()) {
            return fallback.certificate(url);
        }
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            return fallback.certificate(url);
        }
        try {
            return Certificates.parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read certificate " + file, e);
        }
    }
}
