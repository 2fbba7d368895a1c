package io.stmails.mailbox.parser;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;

/**
 * Aho-Corasick over up to 64 groups of ASCII literals: one pass over a text tells which groups have
 * a literal in it, and where each group's last match ends. The classifier looks for a few hundred
 * wordings in every bounce; one pass instead of one search per wording keeps the parser fast.
 */
final class PhraseAutomaton {
    private static final int ALPHABET = 128;

    private final int[][] next;
    private final long[] output;

    /** @param groups literals per group (lower-case ASCII), group i reported as bit i */
    PhraseAutomaton(List<List<String>> groups) {
        if (groups.size() > Long.SIZE) {
            throw new IllegalArgumentException("at most 64 groups");
        }
        List<int[]> trie = new ArrayList<>();
        List<Long> out = new ArrayList<>();
        trie.add(newNode());
        out.add(0L);
        for (int group = 0; group < groups.size(); group++) {
            for (String literal : groups.get(group)) {
                int state = 0;
                for (int i = 0; i < literal.length(); i++) {
                    char c = literal.charAt(i);
                    if (c >= ALPHABET) {
                        throw new IllegalArgumentException("not ASCII: " + literal);
                    }
                    if (trie.get(state)[c] == 0) {
                        trie.get(state)[c] = trie.size();
                        trie.add(newNode());
                        out.add(0L);
                    }
                    state = trie.get(state)[c];
                }
                out.set(state, out.get(state) | (1L << group));
            }
        }
        next = trie.toArray(int[][]::new);
        output = new long[next.length];
        for (int i = 0; i < output.length; i++) {
            output[i] = out.get(i);
        }
        link();
    }

    private static int[] newNode() {
        return new int[ALPHABET];
    }

    /** Breadth-first: fail links folded into the transition table, outputs inherited along them. */
    private void link() {
        int[] fail = new int[next.length];
        Queue<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < ALPHABET; c++) {
            if (next[0][c] != 0) {
                queue.add(next[0][c]);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.remove();
            output[state] |= output[fail[state]];
            for (int c = 0; c < ALPHABET; c++) {
                int child = next[state][c];
                if (child != 0) {
                    fail[child] = next[fail[state]][c];
                    queue.add(child);
                } else {
                    next[state][c] = next[fail[state]][c];
                }
            }
        }
    }

    /** Bit i set when group i has a literal in the (lower-cased) text. */
    long groupsIn(String text) {
        long found = 0;
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            state = c < ALPHABET ? next[state][c] : 0;
            found |= output[state];
        }
        return found;
    }

    /** For each group, the index just past its last match in the text, or -1. */
    int[] lastEnds(String text, int groups) {
        int[] ends = new int[groups];
        Arrays.fill(ends, -1);
        int state = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            state = c < ALPHABET ? next[state][c] : 0;
            long hits = output[state];
            while (hits != 0) {
                int group = Long.numberOfTrailingZeros(hits);
                ends[group] = i + 1;
                hits &= hits - 1;
            }
        }
        return ends;
    }
}
