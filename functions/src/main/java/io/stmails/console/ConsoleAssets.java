package io.stmails.console;

import io.stmails.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator console's static files, read once from the jar's {@code console/} resources. Each
 * asset is served under a name carrying a hash of its content ({@code app.3f2a9c1d0b7e.js}), so it
 * can be cached for a year; {@code index.html} names the current ones and is never cached. Every
 * response carries the security headers: a policy that allows only this origin's scripts, styles,
 * images and API calls (no inline code, no third-party origin), no framing, no sniffing, no referrer.
 */
public final class ConsoleAssets {
    public static final String PREFIX = "/console";
    private static final String ASSETS = PREFIX + "/assets/";
    private static final List<String> ASSET_FILES = List.of("app.js", "app.css", "icon.svg");
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml");
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "content-security-policy", "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; "
                    + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
            "x-frame-options", "DENY",
            "x-content-type-options", "nosniff",
            "referrer-policy", "no-referrer",
            "cross-origin-opener-policy", "same-origin");
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private final String index;
    /** Hashed path → (content type, body). */
    private final Map<String, Asset> assets = new HashMap<>();

    private record Asset(String contentType, String body) {
    }

    public ConsoleAssets() {
        Map<String, String> hashedNames = new LinkedHashMap<>();
        for (String file : ASSET_FILES) {
            String body = read(file);
            int dot = file.lastIndexOf('.');
            String hashed = file.substring(0, dot) + "." + hash(body) + file.substring(dot);
            hashedNames.put(file, hashed);
            assets.put(ASSETS + hashed, new Asset(TYPES.get(file.substring(dot + 1)), body));
        }
        String page = read("index.html");
        for (Map.Entry<String, String> name : hashedNames.entrySet()) {
            page = page.replace("assets/" + name.getKey() + "\"", "assets/" + name.getValue() + "\"");
        }
        this.index = page;
    }

    /** Whether the path belongs to the console (everything else is the API's). */
    public static boolean serves(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    public HttpResponse serve(String method, String path) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return response(405, "text/plain; charset=utf-8", "no-store", "Method not allowed.\n",
                    Map.of("allow", "GET, HEAD"));
        }
        if (path.equals(PREFIX)) {
            return response(308, "text/plain; charset=utf-8", "no-cache", "", Map.of("location", PREFIX + "/"));
        }
        if (path.equals(PREFIX + "/") || path.equals(PREFIX + "/index.html")) {
            return response(200, "text/html; charset=utf-8", "no-cache", index, Map.of());
        }
        Asset asset = assets.get(path);
        if (asset == null) {
            return response(404, "text/plain; charset=utf-8", "no-store", "Not found: " + path + "\n", Map.of());
        }
        return response(200, asset.contentType(), IMMUTABLE, asset.body(), Map.of());
    }

    private static HttpResponse response(int status, String contentType, String cacheControl, String body,
            Map<String, String> extra) {
        Map<String, String> headers = new HashMap<>(SECURITY_HEADERS);
        headers.put("content-type", contentType);
        headers.put("cache-control", cacheControl);
        headers.putAll(extra);
        return new HttpResponse(status, headers, body);
    }

    private static String read(String file) {
        try (InputStream in = ConsoleAssets.class.getResourceAsStream("/console/" + file)) {
            if (in == null) {
                throw new IllegalStateException("console asset missing from the jar: console/" + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading console/" + file, e);
        }
    }

    private static String hash(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
