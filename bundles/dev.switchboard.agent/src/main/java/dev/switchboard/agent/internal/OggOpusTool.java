package dev.switchboard.agent.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.equinox.app.IApplication;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;

import dev.switchboard.codec.opus.OggOpusFiles;
import dev.switchboard.media.internal.Wav;

/**
 * The codec tool's Opus files: Ogg Opus (RFC 7845), the format opusenc, opusdec and ffmpeg use, so
 * {@code --codec opus} reads and writes {@code .opus} files rather than raw packets (which have no
 * framing). The Opus plug-in is optional: this class is loaded only when asked for Opus.
 */
final class OggOpusTool {

    private static final long SERVICE_TIMEOUT_MILLIS = 30_000;

    private OggOpusTool() {
    }

    /** Whether the codec and the coded file's name ask for an Ogg Opus file. */
    static boolean handles(String codecName, Path codedFile) {
        String name = codedFile.getFileName().toString().toLowerCase(Locale.ROOT);
        return "opus".equalsIgnoreCase(codecName) && (name.endsWith(".opus") || name.endsWith(".ogg"));
    }

    static int run(BundleContext context, boolean encode, Path in, Path out, PrintStream err) throws IOException, InterruptedException {
        ServiceTracker<OggOpusFiles, OggOpusFiles> tracker = new ServiceTracker<>(context, OggOpusFiles.class, null);
        tracker.open();
        try {
            OggOpusFiles files = tracker.waitForService(SERVICE_TIMEOUT_MILLIS);
            if (files == null) {
                err.println("switchboard codec: the Opus plug-in is not installed");
                return 3;
            }
            if (encode) {
                Wav.Audio audio = Wav.read(in);
                files.write(out, audio.sampleRate(), audio.channels(), audio.samples());
            } else {
                OggOpusFiles.DecodedAudio audio = files.read(in);
                Wav.write(out, new Wav.Audio(48_000, audio.channels(), audio.pcm()));
            }
            return IApplication.EXIT_OK;
        } catch (IllegalStateException e) {
            err.println("switchboard codec: Opus failed: " + e.getMessage());
            return 1;
        } finally {
            tracker.close();
        }
    }
}
