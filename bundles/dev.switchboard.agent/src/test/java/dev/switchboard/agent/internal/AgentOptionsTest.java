package dev.switchboard.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentOptionsTest {

    @TempDir
    Path temp;

    @Test
    void everyOptionIsRead() throws IOException {
        Path in = Files.writeString(temp.resolve("in.wav"), "RIFF");
        AgentOptions options = AgentOptions.parse(new String[] { "--profile", "/tmp/p", "--audio-in", in.toString(),
                "--audio-out", temp.resolve("out.wav").toString(), "--listen", "0", "--no-stdin" });
        assertEquals(Path.of("/tmp/p"), options.profile().orElseThrow());
        assertEquals(in.toAbsolutePath(), options.audioIn().orElseThrow());
        assertEquals(0, options.listenPort().getAsInt());
        assertFalse(options.readStdin());
        assertTrue(AgentOptions.parse(new String[0]).readStdin());
    }

    @Test
    void mistakesAreExplained() {
        assertMessage("--audio-in: cannot read", "--audio-in", temp.resolve("missing.wav").toString());
        assertMessage("--audio-out: no directory", "--audio-out", "/nonexistent/dir/out.wav");
        assertMessage("--listen: not a port number", "--listen", "70000");
        assertMessage("--profile needs a value", "--profile");
        assertMessage("unknown option --frobnicate", "--frobnicate");
        assertMessage("--no-stdin needs --listen", "--no-stdin");
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> AgentOptions.parse(args));
        assertTrue(error.getMessage().startsWith(expected), error.getMessage());
    }
}
