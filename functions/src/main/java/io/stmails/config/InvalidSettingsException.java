package io.stmails.config;

/** A settings or secrets document that cannot be used; the message names the field. */
public class InvalidSettingsException extends RuntimeException {
    public InvalidSettingsException(String message) {
        super(message);
    }
}
