package io.stmails.store;

/** The store could not complete a read or write; callers answer with a status that makes the sender retry. */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
