package io.stmails.mailbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A loopback front end to GreenMail's POP3 service, for what GreenMail cannot do itself: drop every
 * connection on demand (a connection lost mid-scan), and offer STLS, upgrading the client to TLS
 * with GreenMail's test certificate before relaying to the plain POP3 service.
 */
final class Pop3FrontEnd implements AutoCloseable {
    private final ServerSocket server;
    private final int upstreamPort;
    private final SSLContext tls;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final List<String> clearTextCommands = new CopyOnWriteArrayList<>();
    private final AtomicBoolean upgraded = new AtomicBoolean();

    private Pop3FrontEnd(int upstreamPort, SSLContext tls) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.upstreamPort = upstreamPort;
        this.tls = tls;
        Thread acceptor = new Thread(this::accept, "pop3-front-end");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Relays plain POP3; {@link #cut()} drops every connection. */
    static Pop3FrontEnd relay(int upstreamPort) throws IOException {
        return new Pop3FrontEnd(upstreamPort, null);
    }

    /** Offers STLS and relays only after the client has upgraded; refuses every other command before that. */
    static Pop3FrontEnd startTls(int upstreamPort) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Pop3FrontEnd.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return new Pop3FrontEnd(upstreamPort, context);
    }

    int port() {
        return server.getLocalPort();
    }

    boolean upgraded() {
        return upgraded.get();
    }

    List<String> clearTextCommands() {
        return List.copyOf(clearTextCommands);
    }

    /** Drops every open connection, as a network failure would. */
    void cut() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    @Override
    public void close() throws IOException {
        cut();
        server.close();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread connection = new Thread(() -> serve(client), "pop3-front-end-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            open.add(upstream);
            Socket clientSide = tls == null ? client : upgrade(client, upstream);
            if (clientSide == null) {
                return;
            }
            open.add(clientSide);
            Thread toServer = new Thread(() -> pump(clientSide, upstream), "pop3-front-end-pump");
            toServer.setDaemon(true);
            toServer.start();
            pump(upstream, clientSide);
        } catch (IOException dropped) {
            // The test cut the connection, or the client went away.
        } finally {
            closeQuietly(client);
        }
    }

    /** Greets, answers CAPA with STLS, and switches to TLS on STLS; null when the client never asks for it. */
    private Socket upgrade(Socket client, Socket upstream) throws IOException {
        OutputStream toClient = client.getOutputStream();
        toClient.write((readLine(upstream.getInputStream()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        while (true) {
            String command = readLine(client.getInputStream());
            if (command == null) {
                return null;
            }
            clearTextCommands.add(command);
            switch (command.toUpperCase()) {
                case "CAPA" -> toClient.write("+OK\r\nUSER\r\nSTLS\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
                case "STLS" -> {
                    toClient.write("+OK Begin TLS negotiation\r\n".getBytes(StandardCharsets.US_ASCII));
                    SSLSocket secured = (SSLSocket) tls.getSocketFactory().createSocket(client,
                            client.getInetAddress().getHostAddress(), client.getPort(), true);
                    secured.setUseClientMode(false);
                    secured.startHandshake();
                    upgraded.set(true);
                    return secured;
                }
                case "QUIT" -> {
                    toClient.write("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
                    return null;
                }
                default -> toClient.write("-ERR STLS first\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
    }

    /** One line, read byte by byte so that nothing after it (the TLS handshake) is consumed. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return b == -1 && line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    private static void pump(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException ignored) {
            // Either side closed.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
    }
}
