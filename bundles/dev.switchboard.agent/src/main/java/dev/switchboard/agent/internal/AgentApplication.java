package dev.switchboard.agent.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The headless front end: commands on stdin (and on a loopback TCP port with {@code --listen}),
 * events as JSON lines on stdout. Logs go to stderr so stdout stays machine-readable.
 */
public class AgentApplication implements IApplication {

    private static final Logger LOG = System.getLogger(AgentApplication.class.getName());
    private static final long SERVICE_TIMEOUT_MILLIS = 30_000;
    static final int EXIT_BAD_USAGE = 2;
    static final int EXIT_NOT_STARTED = 3;

    private final CountDownLatch quit = new CountDownLatch(1);
    private volatile AgentServer server;

    @Override
    public Object start(IApplicationContext context) throws Exception {
        PrintStream stdout = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        EventOutput console = event -> {
            synchronized (stdout) {
                stdout.println(Json.write(event));
                stdout.flush();
            }
        };
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        AgentOptions options;
        try {
            options = AgentOptions.parse(args);
        } catch (IllegalArgumentException e) {
            console.emit(errorEvent("start", e.getMessage()));
            return EXIT_BAD_USAGE;
        }
        BundleContext bundleContext = FrameworkUtil.getBundle(AgentApplication.class).getBundleContext();
        ServiceTracker<Agent, Agent> tracker = new ServiceTracker<>(bundleContext, Agent.class, null);
        tracker.open();
        try {
            Agent agent = tracker.waitForService(SERVICE_TIMEOUT_MILLIS);
            if (agent == null) {
                console.emit(errorEvent("start", "the core services did not start within "
                        + SERVICE_TIMEOUT_MILLIS / 1000 + " s; see the log on stderr"));
                return EXIT_NOT_STARTED;
            }
            context.applicationRunning();
            return run(agent, options, console);
        } finally {
            tracker.close();
        }
    }

    private Object run(Agent agent, AgentOptions options, EventOutput console) throws IOException, InterruptedException {
        agent.events.attach(console);
        try {
            Map<String, Object> ready = Json.event("ready");
            ready.put("version", FrameworkUtil.getBundle(AgentApplication.class).getVersion().toString());
            ready.put("pid", ProcessHandle.current().pid());
            if (options.listenPort().isPresent()) {
                server = AgentServer.start(agent, options, options.listenPort().getAsInt(), quit::countDown);
                ready.put("port", server.port());
            }
            console.emit(ready);
            agent.connectAtStart();
            if (options.readStdin()) {
                readStdin(agent, options, console);
            } else {
                quit.await();
            }
            return EXIT_OK;
        } finally {
            agent.events.detach(console);
            if (server != null) {
                server.close();
            }
        }
    }

    private void readStdin(Agent agent, AgentOptions options, EventOutput console) throws InterruptedException {
        CommandInterpreter interpreter = new CommandInterpreter(agent, options, console);
        Thread reader = Thread.ofPlatform().name("switchboard-agent-stdin").daemon().start(() -> {
            boolean quitCommanded = false;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while (!quitCommanded && (line = in.readLine()) != null) {
                    quitCommanded = !interpreter.execute(line);
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "stdin failed: {0}", e.getMessage());
            }
            // at end of input the agent lives on only if TCP controllers can still reach it
            if (quitCommanded || server == null) {
                quit.countDown();
            }
        });
        quit.await();
        reader.interrupt();
        LOG.log(Level.DEBUG, "agent stopping");
    }

    private static Map<String, Object> errorEvent(String command, String message) {
        Map<String, Object> event = Json.event("error");
        event.put("command", command);
        event.put("message", message);
        return event;
    }

    @Override
    public void stop() {
        quit.countDown();
    }
}
