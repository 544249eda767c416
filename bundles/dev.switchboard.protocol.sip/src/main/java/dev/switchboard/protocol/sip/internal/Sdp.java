package dev.switchboard.protocol.sip.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecInfo;
import dev.switchboard.media.session.MediaDirection;

/**
 * The SDP of one audio call (RFC 4566, offer/answer of RFC 3264): written by us, or read from the peer keeping only
 * what a call needs — the first audio stream's address, payload types with rtpmap/fmtp, telephone-event, ptime and
 * direction. Malformed SDP raises {@link IllegalArgumentException}; the caller answers 488.
 */
public final class Sdp {

    /** One payload type of an m= line. */
    public record Payload(int type, String encodingName, int clockRate, int channels, String fmtp) {
        boolean isTelephoneEvent() {
            return encodingName.equalsIgnoreCase("telephone-event");
        }

        boolean isComfortNoise() {
            return encodingName.equalsIgnoreCase("CN");
        }

        String rtpmap() {
            return encodingName + "/" + clockRate + (channels > 1 ? "/" + channels : "");
        }
    }

    /** An audio stream as described by one side. */
    public record Description(InetSocketAddress rtp, List<Payload> payloads, MediaDirection direction, int ptime,
            long sessionId, long version) {

        /** The telephone-event payload with the given clock rate, if offered. */
        public Optional<Payload> telephoneEvent(int clockRate) {
            return payloads.stream().filter(Payload::isTelephoneEvent).filter(p -> p.clockRate() == clockRate)
                    .findFirst();
        }

        /** The RFC 3389 comfort-noise payload with the given clock rate, if offered. */
        public Optional<Payload> comfortNoise(int clockRate) {
            return payloads.stream().filter(Payload::isComfortNoise).filter(p -> p.clockRate() == clockRate)
                    .findFirst();
        }

        /** The first payload that is a codec we have, in this description's order. */
        public Optional<Agreed> firstCommon(List<AudioCodec> ours) {
            for (Payload payload : payloads) {
                if (payload.isTelephoneEvent() || payload.isComfortNoise()) {
                    continue;
                }
                for (AudioCodec codec : ours) {
                    CodecInfo info = codec.info();
                    if (info.matches(payload.encodingName(), payload.clockRate())) {
                        return Optional.of(new Agreed(codec, payload));
                    }
                }
            }
            return Optional.empty();
        }

        /** Held by this side: it does not want to receive (sendonly/inactive) or named no address (0.0.0.0). */
        public boolean holds() {
            return !direction.receives() || rtp.getAddress().isAnyLocalAddress();
        }
    }

    /** A codec both sides have and the payload type it travels under. */
    public record Agreed(AudioCodec codec, Payload payload) {
    }

    private static final int FIRST_DYNAMIC_TYPE = 96;
    static final Payload COMFORT_NOISE = new Payload(13, "CN", 8000, 1, "");
    static final int DEFAULT_PTIME = 20;

    private Sdp() {
    }

    /**
     * Our payload list for an offer: every codec (static types where RFC 3551 has one, dynamic ones from 96), then
     * telephone-event/8000 and comfort noise (RFC 3389, static type 13 at 8000 Hz), which the media engine sends in
     * pauses only when the peer lists it too.
     */
    public static List<Payload> offerPayloads(List<AudioCodec> codecs) {
        List<Payload> payloads = new ArrayList<>();
        int nextDynamic = FIRST_DYNAMIC_TYPE;
        for (AudioCodec codec : codecs) {
            CodecInfo info = codec.info();
            int type = info.staticPayloadType() != CodecInfo.DYNAMIC ? info.staticPayloadType() : nextDynamic++;
            payloads.add(new Payload(type, info.encodingName(), info.clockRate(), info.channels(),
                    info.fmtp() == null ? "" : info.fmtp()));
        }
        payloads.add(new Payload(101, "telephone-event", 8000, 1, "0-16"));
        payloads.add(COMFORT_NOISE);
        return payloads;
    }

    /** Writes an SDP for the given stream. */
    public static String write(Description description, String username) {
        InetAddress address = description.rtp().getAddress();
        String family = address instanceof java.net.Inet6Address ? "IP6" : "IP4";
        StringBuilder sdp = new StringBuilder();
        sdp.append("v=0\r\n");
        sdp.append("o=").append(username).append(' ').append(description.sessionId()).append(' ')
                .append(description.version()).append(" IN ").append(family).append(' ')
                .append(address.getHostAddress()).append("\r\n");
        sdp.append("s=Switchboard\r\n");
        sdp.append("c=IN ").append(family).append(' ').append(address.getHostAddress()).append("\r\n");
        sdp.append("t=0 0\r\n");
        sdp.append("m=audio ").append(description.rtp().getPort()).append(" RTP/AVP");
        for (Payload payload : description.payloads()) {
            sdp.append(' ').append(payload.type());
        }
        sdp.append("\r\n");
        for (Payload payload : description.payloads()) {
            sdp.append("a=rtpmap:").append(payload.type()).append(' ').append(payload.rtpmap()).append("\r\n");
            if (!payload.fmtp().isEmpty()) {
                sdp.append("a=fmtp:").append(payload.type()).append(' ').append(payload.fmtp()).append("\r\n");
            }
        }
        sdp.append("a=ptime:").append(description.ptime()).append("\r\n");
        sdp.append("a=").append(description.direction().name().toLowerCase(Locale.ROOT)).append("\r\n");
        return sdp.toString();
    }

    /**
     * Reads the first audio stream of an SDP.
     *
     * @throws IllegalArgumentException if there is no usable audio stream or a line is malformed
     */
    public static Description parse(String text) {
        String sessionAddress = null;
        String mediaAddress = null;
        Integer port = null;
        List<Integer> types = new ArrayList<>();
        Map<Integer, Payload> described = new LinkedHashMap<>();
        Map<Integer, String> fmtps = new LinkedHashMap<>();
        MediaDirection sessionDirection = MediaDirection.SENDRECV;
        MediaDirection mediaDirection = null;
        int ptime = DEFAULT_PTIME;
        long sessionId = 0;
        long version = 0;
        boolean inAudio = false;
        boolean audioSeen = false;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.length() < 2 || line.charAt(1) != '=') {
                if (!line.isEmpty()) {
                    throw new IllegalArgumentException("malformed SDP line: " + line);
                }
                continue;
            }
            char kind = line.charAt(0);
            String value = line.substring(2);
            switch (kind) {
                case 'o' -> {
                    String[] fields = value.split(" ");
                    if (fields.length >= 3) {
                        sessionId = parseLong(fields[1]);
                        version = parseLong(fields[2]);
                    }
                }
                case 'c' -> {
                    String[] fields = value.split(" ");
                    if (fields.length < 3 || !fields[0].equals("IN")) {
                        throw new IllegalArgumentException("malformed c= line: " + line);
                    }
                    String address = fields[2].split("/")[0];
                    if (inAudio) {
                        mediaAddress = address;
                    } else if (!audioSeen) {
                        sessionAddress = address;
                    }
                }
                case 'm' -> {
                    if (audioSeen) {
                        inAudio = false;
                        continue;
                    }
                    String[] fields = value.split(" ");
                    inAudio = fields.length >= 4 && fields[0].equals("audio") && fields[2].startsWith("RTP/");
                    if (inAudio) {
                        audioSeen = true;
                        port = parseInt(fields[1].split("/")[0], "port");
                        if (port < 0 || port > 65535) {
                            throw new IllegalArgumentException("port out of range: " + port);
                        }
                        for (int i = 3; i < fields.length; i++) {
                            int type = parseInt(fields[i], "payload type");
                            if (type < 0 || type > 127) {
                                throw new IllegalArgumentException("payload type out of range: " + type);
                            }
                            types.add(type);
                        }
                    }
                }
                case 'a' -> {
                    if (audioSeen && !inAudio) {
                        continue;
                    }
                    MediaDirection direction = direction(value);
                    if (direction != null) {
                        if (inAudio) {
                            mediaDirection = direction;
                        } else {
                            sessionDirection = direction;
                        }
                    } else if (inAudio && value.startsWith("rtpmap:")) {
                        Payload payload = rtpmap(value.substring(7));
                        described.put(payload.type(), payload);
                    } else if (inAudio && value.startsWith("fmtp:")) {
                        int space = value.indexOf(' ');
                        if (space > 5) {
                            fmtps.put(parseInt(value.substring(5, space), "fmtp payload type"),
                                    value.substring(space + 1).strip());
                        }
                    } else if (inAudio && value.startsWith("ptime:")) {
                        ptime = parseInt(value.substring(6).strip(), "ptime");
                    }
                }
                default -> {
                    // other lines (v, s, t, b, i, ...) do not change an audio call
                }
            }
        }
        if (!audioSeen) {
            throw new IllegalArgumentException("no RTP audio stream in the SDP");
        }
        String address = mediaAddress != null ? mediaAddress : sessionAddress;
        if (address == null) {
            throw new IllegalArgumentException("no c= line for the audio stream");
        }
        List<Payload> payloads = new ArrayList<>();
        for (int type : types) {
            Payload payload = described.get(type);
            if (payload == null) {
                payload = staticPayload(type);
                if (payload == null) {
                    continue;
                }
            }
            String fmtp = fmtps.getOrDefault(type, payload.fmtp());
            payloads.add(new Payload(type, payload.encodingName(), payload.clockRate(), payload.channels(), fmtp));
        }
        InetSocketAddress rtp;
        try {
            rtp = new InetSocketAddress(InetAddress.ofLiteral(address), port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("c= address is not an IP literal: " + address, e);
        }
        return new Description(rtp, List.copyOf(payloads), mediaDirection != null ? mediaDirection : sessionDirection,
                ptime > 0 && ptime <= 200 ? ptime : DEFAULT_PTIME, sessionId, version);
    }

    /** RFC 3551 static payload types an SDP may name without rtpmap. */
    private static Payload staticPayload(int type) {
        return switch (type) {
            case 0 -> new Payload(0, "PCMU", 8000, 1, "");
            case 8 -> new Payload(8, "PCMA", 8000, 1, "");
            case 9 -> new Payload(9, "G722", 8000, 1, "");
            case 3 -> new Payload(3, "GSM", 8000, 1, "");
            case 18 -> new Payload(18, "G729", 8000, 1, "");
            case 13 -> COMFORT_NOISE;
            default -> null;
        };
    }

    private static Payload rtpmap(String value) {
        String[] parts = value.strip().split(" ", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("malformed rtpmap: " + value);
        }
        int type = parseInt(parts[0], "rtpmap payload type");
        String[] encoding = parts[1].strip().split("/");
        if (encoding.length < 2) {
            throw new IllegalArgumentException("malformed rtpmap: " + value);
        }
        int channels = encoding.length > 2 ? parseInt(encoding[2], "channels") : 1;
        return new Payload(type, encoding[0], parseInt(encoding[1], "clock rate"), channels, "");
    }

    private static MediaDirection direction(String attribute) {
        return switch (attribute) {
            case "sendrecv" -> MediaDirection.SENDRECV;
            case "sendonly" -> MediaDirection.SENDONLY;
            case "recvonly" -> MediaDirection.RECVONLY;
            case "inactive" -> MediaDirection.INACTIVE;
            default -> null;
        };
    }

    private static int parseInt(String text, String what) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("malformed " + what + ": " + text, e);
        }
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
