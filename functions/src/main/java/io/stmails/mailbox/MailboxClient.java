package io.stmails.mailbox;

/**
 * A bounce mailbox as the scanner needs it. Deletions are only marks until {@link Session#commit()}
 * (POP3 applies DELE only at QUIT), so a session that ends any other way deletes nothing.
 */
public interface MailboxClient {

    /** Connects and logs in. */
    Session open(MailboxConfig mailbox, String password) throws MailboxException;

    interface Session {
        int messageCount() throws MailboxException;

        /** The raw message, numbered from 1. */
        byte[] fetch(int number) throws MailboxException;

        /** Marks a message for deletion at {@link #commit()}. */
        void delete(int number) throws MailboxException;

        /** Ends the session, applying the deletions (POP3: DELE ..., QUIT). */
        void commit() throws MailboxException;

        /** Ends the session without deleting anything; never throws. */
        void abandon();

        /** False once the connection is known to be lost. */
        boolean connected();
    }
}
