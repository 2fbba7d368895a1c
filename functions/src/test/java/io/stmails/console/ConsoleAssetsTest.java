package io.stmails.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stmails.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ConsoleAssetsTest {
    private static final ConsoleAssets CONSOLE = new ConsoleAssets();
    private static final Pattern ASSET = Pattern.compile("/console/assets/(app|icon)\\.[0-9a-f]{12}\\.(js|css|svg)");

    @Test
    void theIndexIsNeverCachedAndNamesEveryAssetByItsContentHash() {
        HttpResponse index = CONSOLE.serve("GET", "/console/");
        assertEquals(200, index.status());
        assertEquals("no-cache", index.headers().get("cache-control"));
        assertEquals("text/html; charset=utf-8", index.headers().get("content-type"));
        Matcher assets = ASSET.matcher(index.body());
        int found = 0;
        while (assets.find()) {
            HttpResponse asset = CONSOLE.serve("GET", assets.group());
            assertEquals(200, asset.status(), assets.group());
            assertEquals("public, max-age=31536000, immutable", asset.headers().get("cache-control"));
            found++;
        }
        assertTrue(found >= 3, "script, style sheet and icon: " + index.body());
        assertFalse(index.body().contains("assets/app.js\""), "no unhashed name left in the page");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/console/", "/console/assets/app.js", "/console/nope", "/console"})
    void everyAnswerCarriesTheSecurityHeaders(String path) {
        HttpResponse response = CONSOLE.serve("GET", path);
        String policy = response.headers().get("content-security-policy");
        assertTrue(policy.startsWith("default-src 'self';"), policy);
        assertFalse(policy.contains("unsafe-inline") || policy.contains("unsafe-eval") || policy.contains("http"), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertEquals("DENY", response.headers().get("x-frame-options"));
        assertEquals("nosniff", response.headers().get("x-content-type-options"));
        assertEquals("no-referrer", response.headers().get("referrer-policy"));
    }

    @Test
    void anUnhashedOrUnknownAssetIsNotFoundAndTheBarePathRedirects() {
        assertEquals(404, CONSOLE.serve("GET", "/console/assets/app.js").status());
        assertEquals(404, CONSOLE.serve("GET", "/console/assets/app.000000000000.js").status());
        HttpResponse bare = CONSOLE.serve("GET", "/console");
        assertEquals(308, bare.status());
        assertEquals("/console/", bare.headers().get("location"));
        assertEquals(405, CONSOLE.serve("POST", "/console/").status());
    }

    @Test
    void thePageHasNoInlineScriptOrStyle() {
        String page = CONSOLE.serve("GET", "/console/").body();
        assertFalse(Pattern.compile("<script(?![^>]*\\bsrc=)").matcher(page).find(), "inline script");
        assertFalse(page.contains("<style") || page.contains(" style="), "inline style");
        assertFalse(page.contains("onclick=") || page.contains("onload="), "inline handler");
    }

    @Test
    void onlyTheConsolesPathsAreTheConsoles() {
        assertTrue(ConsoleAssets.serves("/console"));
        assertTrue(ConsoleAssets.serves("/console/assets/app.css"));
        assertFalse(ConsoleAssets.serves("/consoles"));
        assertFalse(ConsoleAssets.serves("/api/bounces"));
    }
}
