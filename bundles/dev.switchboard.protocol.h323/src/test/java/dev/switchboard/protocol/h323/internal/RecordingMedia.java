package dev.switchboard.protocol.h323.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import dev.switchboard.protocol.h323.internal.h245.AudioCapability;
import dev.switchboard.protocol.h323.internal.h245.Coding;

/**
 * Call media for signalling tests: real UDP ports (so the addresses in the logical channels are
 * ours and distinct) and a record of what the call started, without audio.
 */
final class RecordingMedia implements CallMedia {
    record Started(AudioCapability codec, InetSocketAddress rtp, InetSocketAddress rtcp) {
    }

    static final class Factory implements CallMedia.Factory {
        final List<AudioCapability> codecs;
        final BlockingQueue<RecordingMedia> opened = new LinkedBlockingQueue<>();

        Factory(AudioCapability... codecs) {
            this.codecs = List.of(codecs);
        }

        @Override
        public CallMedia open(String callId, Consumer<Character> digits) {
            RecordingMedia media = new RecordingMedia(digits);
            opened.add(media);
            return media;
        }

        @Override
        public List<AudioCapability> codecs() {
            return codecs;
        }
    }

    final BlockingQueue<Started> started = new LinkedBlockingQueue<>();
    /** How each start sends (payload type, packet length), and the receive payload types set, in order. */
    final BlockingQueue<Coding> sending = new LinkedBlockingQueue<>();
    final BlockingQueue<Integer> receivePayloadTypes = new LinkedBlockingQueue<>();
    /** Telephone-event payload types set, DTMF keys sent in the media and directions set, in order. */
    final BlockingQueue<Integer> telephoneEvents = new LinkedBlockingQueue<>();
    final BlockingQueue<Character> digitsSent = new LinkedBlockingQueue<>();
    final BlockingQueue<String> directions = new LinkedBlockingQueue<>();
    /** Hands a key to the call as if it came in the media as RFC 4733 events. */
    final Consumer<Character> digitsReceived;
    private final DatagramSocket rtp;
    private final DatagramSocket rtcp;
    private volatile boolean muted;
    volatile boolean closed;

    RecordingMedia(Consumer<Character> digitsReceived) {
        this.digitsReceived = digitsReceived;
        try {
            rtp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            rtcp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InetSocketAddress localRtp() {
        return (InetSocketAddress) rtp.getLocalSocketAddress();
    }

    @Override
    public InetSocketAddress localRtcp() {
        return (InetSocketAddress) rtcp.getLocalSocketAddress();
    }

    @Override
    public void start(Coding coding, InetSocketAddress remoteRtp, InetSocketAddress remoteRtcp) {
        sending.add(coding);
        started.add(new Started(coding.codec(), remoteRtp, remoteRtcp));
    }

    @Override
    public void receivePayloadType(int payloadType) {
        receivePayloadTypes.add(payloadType);
    }

    @Override
    public void telephoneEvents(int payloadType) {
        telephoneEvents.add(payloadType);
    }

    @Override
    public void sendDtmf(char digit, int millis) {
        digitsSent.add(digit);
    }

    @Override
    public void direction(boolean sending, boolean playing) {
        directions.add((sending ? "send" : "") + (playing ? "recv" : "") + (sending || playing ? "" : "inactive"));
    }

    @Override
    public void mute(boolean muted) {
        this.muted = muted;
    }

    @Override
    public boolean muted() {
        return muted;
    }

    /** No audio is measured here. */
    @Override
    public dev.switchboard.core.call.capability.AudioLevelMeter.Levels levels() {
        return dev.switchboard.core.call.capability.AudioLevelMeter.Levels.NONE;
    }

    @Override
    public long packetsReceived() {
        return 0;
    }

    @Override
    public void close() {
        closed = true;
        rtp.close();
        rtcp.close();
    }
}
