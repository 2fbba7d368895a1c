package io.stmails.store;

public class EmailTakenException extends RuntimeException {
    public EmailTakenException(String email) {
        super("E-mail already exists: " + email);
    }
}
