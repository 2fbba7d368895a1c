package io.stmails.mailbox.parser;

/** Old Mac mail ends lines with a bare CR, which MIME boundaries and header folding are not read across. */
final class LineEndings {
    private LineEndings() {
    }

    /** The same bytes with every bare CR made a LF; the array itself when there is none. */
    static byte[] normalise(byte[] raw) {
        int bareCr = -1;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\r' && (i + 1 == raw.length || raw[i + 1] != '\n')) {
                bareCr = i;
                break;
            }
        }
        if (bareCr < 0) {
            return raw;
        }
        byte[] out = raw.clone();
        for (int i = bareCr; i < out.length; i++) {
            if (out[i] == '\r' && (i + 1 == out.length || out[i + 1] != '\n')) {
                out[i] = '\n';
            }
        }
        return out;
    }
}
