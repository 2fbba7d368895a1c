package io.stmails.mailbox.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A set of wordings, each a literal (searched as a substring) or, when written {@code re:...}, a
 * regular expression; matched against lower-cased, whitespace-collapsed text.
 */
final class Phrases {
    private final String[] literals;
    private final Pattern[] patterns;

    private Phrases(String[] literals, Pattern[] patterns) {
        this.literals = literals;
        this.patterns = patterns;
    }

    static Phrases of(String... wordings) {
        List<String> literals = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        for (String wording : wordings) {
            if (wording.startsWith("re:")) {
                patterns.add(Pattern.compile(wording.substring(3)));
            } else {
                literals.add(wording);
            }
        }
        return new Phrases(literals.toArray(String[]::new), patterns.toArray(Pattern[]::new));
    }

    /** The first wording found in the text, or null. */
    String find(String lowerText) {
        for (String literal : literals) {
            if (lowerText.contains(literal)) {
                return literal;
            }
        }
        for (Pattern pattern : patterns) {
            java.util.regex.Matcher matcher = pattern.matcher(lowerText);
            if (matcher.find()) {
                return matcher.group();
            }
        }
        return null;
    }
}
