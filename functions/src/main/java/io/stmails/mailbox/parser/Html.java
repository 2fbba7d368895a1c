package io.stmails.mailbox.parser;

import java.util.regex.Pattern;

/** Just enough HTML-to-text for notices that come only as HTML. */
final class Html {
    private static final Pattern BLOCK_END = Pattern.compile("(?i)<\\s*(?:br|/p|/div|/tr|/li|/h\\d)\\b[^>]*>");
    private static final Pattern INVISIBLE = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");

    private Html() {
    }

    static String toText(String html) {
        String text = INVISIBLE.matcher(html).replaceAll(" ");
        text = BLOCK_END.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
    }
}
