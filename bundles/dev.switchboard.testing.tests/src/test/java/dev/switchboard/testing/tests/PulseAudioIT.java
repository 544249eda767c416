package dev.switchboard.testing.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.switchboard.testing.peers.PeerExtension;
import dev.switchboard.testing.peers.PulseAudio;

/** A client process given the peer's environment sees the null sink and its monitor as the defaults. */
class PulseAudioIT {
    @RegisterExtension
    static final PeerExtension<PulseAudio> PULSE = PeerExtension.of(() -> PulseAudio.builder().start());

    @Test
    void clientWithThePeersEnvironmentSeesTheNullSink() throws Exception {
        PulseAudio pulse = PULSE.get();
        ProcessBuilder builder = new ProcessBuilder("pactl", "list", "short", "sinks").redirectErrorStream(true);
        builder.environment().putAll(pulse.environment());
        Process pactl = builder.start();
        String output = new String(pactl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(pactl.waitFor(10, TimeUnit.SECONDS), "pactl did not finish");

        assertEquals(0, pactl.exitValue(), output);
        List<String> sinkNames = output.lines().map(line -> line.split("\t")[1]).toList();
        assertEquals(List.of(pulse.sinkName()), sinkNames);
    }

    @Test
    void defaultsAreTheNullSinkAndItsMonitor() {
        String info = PULSE.get().pactl("info");

        assertTrue(info.contains("Default Sink: " + PulseAudio.SINK_NAME), info);
        assertTrue(info.contains("Default Source: " + PulseAudio.SINK_NAME + ".monitor"), info);
    }

    @Test
    void clientWithoutThePeersEnvironmentCannotReachIt() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("pactl", "info").redirectErrorStream(true);
        builder.environment().put("PULSE_SERVER", "unix:" + PULSE.get().socket() + ".missing");
        builder.environment().put("PULSE_CLIENTCONFIG", PULSE.get().environment().get("PULSE_CLIENTCONFIG"));
        Process pactl = builder.start();
        pactl.getInputStream().readAllBytes();
        assertTrue(pactl.waitFor(10, TimeUnit.SECONDS), "pactl did not finish");
        assertTrue(pactl.exitValue() != 0, "pactl must fail against a socket nobody listens on");
    }
}
