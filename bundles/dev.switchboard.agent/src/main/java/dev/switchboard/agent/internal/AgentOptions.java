package dev.switchboard.agent.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The agent's command-line options. {@code --profile} is applied by the launcher (it chooses the
 * instance and configuration areas) and only reported here.
 */
record AgentOptions(Optional<Path> profile, Optional<Path> audioIn, Optional<Path> audioOut, OptionalInt listenPort,
        boolean readStdin) {

    static final String USAGE = "usage: switchboard agent [--profile DIR] [--audio-in FILE.wav] [--audio-out FILE.wav]"
            + " [--listen PORT] [--no-stdin]";

    /**
     * @throws IllegalArgumentException with a message fit for the user
     */
    static AgentOptions parse(String[] args) {
        Optional<Path> profile = Optional.empty();
        Optional<Path> audioIn = Optional.empty();
        Optional<Path> audioOut = Optional.empty();
        OptionalInt listen = OptionalInt.empty();
        boolean readStdin = true;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--profile" -> profile = Optional.of(Path.of(value(args, ++i, option)));
                case "--audio-in" -> {
                    Path file = Path.of(value(args, ++i, option));
                    if (!Files.isReadable(file)) {
                        throw new IllegalArgumentException("--audio-in: cannot read " + file);
                    }
                    audioIn = Optional.of(file.toAbsolutePath());
                }
                case "--audio-out" -> {
                    Path file = Path.of(value(args, ++i, option)).toAbsolutePath();
                    if (file.getParent() != null && !Files.isDirectory(file.getParent())) {
                        throw new IllegalArgumentException("--audio-out: no directory " + file.getParent());
                    }
                    audioOut = Optional.of(file);
                }
                case "--listen" -> listen = OptionalInt.of(port(value(args, ++i, option)));
                case "--no-stdin" -> readStdin = false;
                default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
            }
        }
        if (!readStdin && listen.isEmpty()) {
            throw new IllegalArgumentException("--no-stdin needs --listen, or nothing could control the agent");
        }
        return new AgentOptions(profile, audioIn, audioOut, listen, readStdin);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--listen: not a port number: " + text);
        }
    }
}
