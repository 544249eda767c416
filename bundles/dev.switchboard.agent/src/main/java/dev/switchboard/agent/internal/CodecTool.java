package dev.switchboard.agent.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.codec.CodecRegistry;
import dev.switchboard.media.codec.Decoder;
import dev.switchboard.media.codec.Encoder;
import dev.switchboard.media.internal.Wav;

/**
 * {@code ./switchboard codec encode|decode --codec NAME IN OUT}: runs the installed codec plug-ins
 * on files in the formats ffmpeg reads and writes (WAV for PCM, the codec's raw bytes otherwise), so
 * anyone can check our codecs against ffmpeg, spandsp or other references (iLBC: see {@link IlbcStorage}).
 */
public class CodecTool implements IApplication {

    static final String USAGE = "usage: switchboard codec encode|decode --codec NAME IN OUT"
            + " (encode: 16-bit mono WAV at the codec's rate -> raw; decode: raw -> WAV;"
            + " iLBC, iLBC20, iLBC30: RFC 3952 iLBC files;"
            + " opus: WAV at 8-48 kHz, mono or stereo <-> Ogg Opus .opus)";
    private static final long SERVICE_TIMEOUT_MILLIS = 30_000;
    private static final Set<String> MODES = Set.of("encode", "decode");

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        PrintStream err = System.err;
        if (args.length != 5 || !"--codec".equals(args[1]) || !MODES.contains(args[0])) {
            err.println(USAGE);
            return 2;
        }
        BundleContext bundleContext = FrameworkUtil.getBundle(CodecTool.class).getBundleContext();
        ServiceTracker<CodecRegistry, CodecRegistry> tracker = new ServiceTracker<>(bundleContext, CodecRegistry.class, null);
        tracker.open();
        try {
            CodecRegistry registry = tracker.waitForService(SERVICE_TIMEOUT_MILLIS);
            if (registry == null) {
                err.println("switchboard codec: the media engine is not installed");
                return 3;
            }
            OptionalInt ilbcMillis = IlbcStorage.requestedMillis(args[2]);
            String name = ilbcMillis.isPresent() ? IlbcStorage.ENCODING_NAME : args[2];
            Optional<AudioCodec> codec = registry.codecs().stream()
                    .filter(candidate -> candidate.info().encodingName().equalsIgnoreCase(name))
                    .findFirst();
            if (codec.isEmpty()) {
                err.println("switchboard codec: no codec " + args[2] + "; installed: " + registry.codecs().stream()
                        .map(candidate -> candidate.info().encodingName()).collect(Collectors.joining(", ")));
                return 2;
            }
            Path in = Path.of(args[3]);
            Path out = Path.of(args[4]);
            if (OggOpusTool.handles(args[2], "encode".equals(args[0]) ? out : in)) {
                return OggOpusTool.run(bundleContext, "encode".equals(args[0]), in, out, err);
            }
            if (ilbcMillis.isPresent()) {
                if ("encode".equals(args[0])) {
                    IlbcStorage.encode(codec.get(), ilbcMillis.getAsInt(), in, out);
                } else {
                    IlbcStorage.decode(codec.get(), in, out);
                }
            } else if ("encode".equals(args[0])) {
                encode(codec.get(), in, out);
            } else {
                decode(codec.get(), in, out);
            }
            return EXIT_OK;
        } catch (IOException | IllegalArgumentException e) {
            err.println("switchboard codec: " + e.getMessage());
            return 1;
        } finally {
            tracker.close();
        }
    }

    static void encode(AudioCodec codec, Path in, Path out) throws IOException {
        CodecInfo info = codec.info();
        Wav.Audio audio = Wav.read(in);
        if (audio.sampleRate() != info.sampleRate() || audio.channels() != info.channels()) {
            throw new IllegalArgumentException(in + " is " + audio.sampleRate() + " Hz with " + audio.channels()
                    + " channel(s); " + info.encodingName() + " takes " + info.sampleRate() + " Hz with "
                    + info.channels() + " (convert first, e.g. ffmpeg -i IN -ar " + info.sampleRate() + " -ac "
                    + info.channels() + " OUT.wav)");
        }
        int frame = info.samplesPerFrame() * info.channels();
        Encoder encoder = codec.newEncoder();
        byte[] payload = new byte[frame * 4];
        ByteBuffer encoded = ByteBuffer.allocate(audio.samples().length * 4 + payload.length);
        for (int offset = 0; offset < audio.samples().length; offset += frame) {
            int samples = Math.min(frame, audio.samples().length - offset);
            encoded.put(payload, 0, encoder.encode(audio.samples(), offset, samples, payload, 0));
        }
        Files.write(out, Arrays.copyOf(encoded.array(), encoded.position()));
    }

    static void decode(AudioCodec codec, Path in, Path out) throws IOException {
        CodecInfo info = codec.info();
        byte[] payload = Files.readAllBytes(in);
        // a frame's payload size, as this codec's encoder produces it
        int frame = info.samplesPerFrame() * info.channels();
        int frameBytes = codec.newEncoder().encode(new short[frame], 0, frame, new byte[frame * 4], 0);
        Decoder decoder = codec.newDecoder();
        short[] pcm = new short[(payload.length / frameBytes + 1) * frame];
        int samples = 0;
        for (int offset = 0; offset < payload.length; offset += frameBytes) {
            int length = Math.min(frameBytes, payload.length - offset);
            samples += decoder.decode(payload, offset, length, pcm, samples);
        }
        Wav.write(out, new Wav.Audio(info.sampleRate(), info.channels(), Arrays.copyOf(pcm, samples)));
    }

    @Override
    public void stop() {
        // runs to completion in a moment; nothing to interrupt
    }
}
