package io.stmails.mailbox.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A set of wordings, each a literal or a regular expression written {@code re(gate|gate):regex},
 * which is only tried on a text holding one of its gate literals; matched against lower-cased,
 * whitespace-collapsed text.
 */
final class Phrases {
    private final List<String> literals;
    private final Pattern[] patterns;
    private final String[][] gates;
    private final PhraseAutomaton automaton;

    private Phrases(List<String> literals, Pattern[] patterns, String[][] gates) {
        this.literals = List.copyOf(literals);
        this.patterns = patterns;
        this.gates = gates;
        this.automaton = new PhraseAutomaton(List.of(this.literals));
    }

    static Phrases of(String... wordings) {
        List<String> literals = new ArrayList<>();
        List<Pattern> patterns = new ArrayList<>();
        List<String[]> gates = new ArrayList<>();
        for (String wording : wordings) {
            if (wording.startsWith("re(")) {
                int close = wording.indexOf("):");
                gates.add(wording.substring(3, close).split("\\|"));
                patterns.add(Pattern.compile(wording.substring(close + 2)));
            } else {
                literals.add(wording);
            }
        }
        return new Phrases(literals, patterns.toArray(Pattern[]::new), gates.toArray(String[][]::new));
    }

    boolean in(String lowerText) {
        return automaton.groupsIn(lowerText) != 0 || patternIn(lowerText);
    }

    /** Whether one of the regular-expression wordings matches (the literals are the caller's business). */
    boolean patternIn(String lowerText) {
        for (int i = 0; i < patterns.length; i++) {
            if (opens(gates[i], lowerText) && patterns[i].matcher(lowerText).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean opens(String[] gate, String lowerText) {
        for (String literal : gate) {
            if (lowerText.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    List<String> literals() {
        return literals;
    }
}
