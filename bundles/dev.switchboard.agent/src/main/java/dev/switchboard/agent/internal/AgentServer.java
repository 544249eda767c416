package dev.switchboard.agent.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The same line protocol as stdin, for controllers on this machine: bound to 127.0.0.1 only,
 * one thread per connection, events to every connection.
 */
final class AgentServer implements AutoCloseable {

    private static final Logger LOG = System.getLogger(AgentServer.class.getName());

    private final ServerSocket socket;
    private final Agent agent;
    private final AgentOptions options;
    private final Runnable onQuit;
    private final Set<Socket> clients = ConcurrentHashMap.newKeySet();

    private AgentServer(ServerSocket socket, Agent agent, AgentOptions options, Runnable onQuit) {
        this.socket = socket;
        this.agent = agent;
        this.options = options;
        this.onQuit = onQuit;
    }

    static AgentServer start(Agent agent, AgentOptions options, int port, Runnable onQuit) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        AgentServer server = new AgentServer(socket, agent, options, onQuit);
        Thread.ofPlatform().name("switchboard-agent-accept").daemon().start(server::accept);
        return server;
    }

    int port() {
        return socket.getLocalPort();
    }

    boolean isRunning() {
        return !socket.isClosed();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                clients.add(client);
                Thread.ofPlatform().name("switchboard-agent-client-" + client.getPort()).daemon()
                        .start(() -> serve(client));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                LOG.log(Level.WARNING, "accepting a controller failed: {0}", e.getMessage());
            }
        }
    }

    private void serve(Socket client) {
        EventOutput output = null;
        try (client;
                BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                Writer writer = new OutputStreamWriter(client.getOutputStream(), StandardCharsets.UTF_8)) {
            output = event -> {
                synchronized (writer) {
                    try {
                        writer.write(Json.write(event));
                        writer.write('\n');
                        writer.flush();
                    } catch (IOException e) {
                        throw new IllegalStateException("controller gone: " + e.getMessage(), e);
                    }
                }
            };
            agent.events.attach(output);
            CommandInterpreter interpreter = new CommandInterpreter(agent, options, output);
            String line;
            while ((line = in.readLine()) != null) {
                if (!interpreter.execute(line)) {
                    onQuit.run();
                    break;
                }
            }
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "controller connection ended: {0}", e.getMessage());
        } finally {
            if (output != null) {
                agent.events.detach(output);
            }
            clients.remove(client);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket client : clients) {
            client.close();
        }
    }
}
