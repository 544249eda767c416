package dev.switchboard.protocol.h323.internal.h245;

import static dev.switchboard.protocol.h323.internal.per.Asn.choose;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.switchboard.protocol.h323.internal.per.AsnNull;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.ObjectIdentifier;
import dev.switchboard.protocol.h323.internal.per.PerException;
import dev.switchboard.protocol.h323.internal.per.PerType;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;

/**
 * Builds and reads the H.245 messages of an audio call as PER values of {@link H245Asn}: capability
 * set, master/slave determination, logical channels (fastStart proposals and answers included),
 * round trip, end session and user input. Everything is IPv4 on loopback in this plug-in.
 */
public final class H245Messages {
    private H245Messages() {
    }

    /** H.245 version 13, the version of the schema. */
    public static final ObjectIdentifier PROTOCOL_IDENTIFIER = ObjectIdentifier.parse("0.0.8.245.0.13");
    /** H.323 terminal type for an endpoint without MC (H.323 table 1). */
    public static final int TERMINAL_TYPE = 50;
    /** RTP session of audio (H.225.0 8.1.7). */
    public static final int AUDIO_SESSION = 1;
    /** Milliseconds of audio per packet offered (audio frames of G.711 are samples: 20 ms = 160). */
    public static final int PACKET_MILLIS = 20;

    private static final PerType MSCM = H245Asn.MULTIMEDIA_SYSTEM_CONTROL_MESSAGE;

    public static byte[] encode(ChoiceValue message) {
        return MSCM.encode(message);
    }

    public static ChoiceValue decode(byte[] pdu) {
        return (ChoiceValue) MSCM.decode(pdu);
    }

    private static ChoiceValue request(String name, Object value) {
        return choose(MSCM, "request", choose(H245Asn.REQUEST_MESSAGE, name, value));
    }

    private static ChoiceValue response(String name, Object value) {
        return choose(MSCM, "response", choose(H245Asn.RESPONSE_MESSAGE, name, value));
    }

    private static ChoiceValue command(String name, Object value) {
        return choose(MSCM, "command", choose(H245Asn.COMMAND_MESSAGE, name, value));
    }

    private static ChoiceValue indication(String name, Object value) {
        return choose(MSCM, "indication", choose(H245Asn.INDICATION_MESSAGE, name, value));
    }

    /** "request.terminalCapabilitySet" and so on: the two alternative names of a message. */
    public static String kind(ChoiceValue message) {
        if (!(message.value() instanceof ChoiceValue inner)) { // an extension alternative this schema does not know
            return "unknown";
        }
        return message.name() + "." + (inner.name() == null ? "unknown" : inner.name());
    }

    /** The body of a message whose {@link #kind} is known (the raw octets of an unknown one). */
    public static Object body(ChoiceValue message) {
        return message.value() instanceof ChoiceValue inner ? inner.value() : message.value();
    }

    /** iLBC's frame length in the media engine, the mode we send and ask for (RFC 3952's default). */
    public static final int ILBC_MODE_MILLIS = 30;
    /** iLBC's other mode, which we send when the receiver's capability asks for it. */
    public static final int ILBC_SHORT_MODE_MILLIS = 20;
    /**
     * iLBC's maxBitRate in units of 100 bit/s: 15.2 kbit/s, the 20 ms mode's rate, the higher of the
     * two; our decoder takes either mode.
     */
    static final long ILBC_MAX_BIT_RATE = 152;
    /** H.245 Annex S's collapsing parameters: 0 maxAl-sduAudioFrames, 1 mode (frame length in ms). */
    static final long ILBC_FRAMES_PARAMETER = 0;
    static final long ILBC_MODE_PARAMETER = 1;

    private static ChoiceValue audioData(AudioCapability codec) {
        return audioData(Coding.of(codec));
    }

    /** A capability (or a channel's dataType): for iLBC the mode is the coding's frame length. */
    private static ChoiceValue audioData(Coding coding) {
        AudioCapability codec = coding.codec();
        if (codec == AudioCapability.ILBC) {
            return choose(H245Asn.AUDIO_CAPABILITY, codec.h245Name(), ilbcCapability(coding.packetMillis()));
        }
        // H.323 counts G.711/G.722 audio frames in milliseconds (as h323plus sends 20), G.729 in 10 ms frames
        int frames = codec == AudioCapability.G729 ? PACKET_MILLIS / 10 : PACKET_MILLIS;
        return choose(H245Asn.AUDIO_CAPABILITY, codec.h245Name(), (long) frames);
    }

    /**
     * iLBC's genericAudioCapability: one frame per packet (unsignedMin: the sender takes the smaller of
     * the two sides' counts) and mode 30 (unsignedMax: the longer mode wins, RFC 3952's rule that either
     * side asking for 30 ms makes both use it), as h323plus and OPAL merge these parameters.
     */
    private static SequenceValue ilbcCapability(int modeMillis) {
        return new SequenceValue()
                .with("capabilityIdentifier", choose(H245Asn.CAPABILITY_IDENTIFIER, "standard", AudioCapability.ILBC_IDENTIFIER))
                .with("maxBitRate", ILBC_MAX_BIT_RATE)
                .with("collapsing", List.of(
                        genericParameter(ILBC_FRAMES_PARAMETER, "unsignedMin", 1),
                        genericParameter(ILBC_MODE_PARAMETER, "unsignedMax", modeMillis)));
    }

    private static SequenceValue genericParameter(long standardIdentifier, String kind, long value) {
        return new SequenceValue()
                .with("parameterIdentifier", choose(H245Asn.PARAMETER_IDENTIFIER, "standard", standardIdentifier))
                .with("parameterValue", choose(H245Asn.PARAMETER_VALUE, kind, value));
    }

    public static ChoiceValue terminalCapabilitySet(int sequenceNumber, List<AudioCapability> codecs,
            Optional<Integer> telephoneEventPayloadType) {
        List<SequenceValue> table = new ArrayList<>();
        List<Long> alternatives = new ArrayList<>();
        long entry = 1;
        for (AudioCapability codec : codecs) {
            table.add(new SequenceValue().with("capabilityTableEntryNumber", entry)
                    .with("capability", choose(H245Asn.CAPABILITY, "receiveAudioCapability", audioData(codec))));
            alternatives.add(entry++);
        }
        List<List<Long>> simultaneous = new ArrayList<>();
        simultaneous.add(alternatives);
        List<Long> userInput = new ArrayList<>();
        for (String kind : List.of("basicString", "dtmf")) {
            table.add(new SequenceValue().with("capabilityTableEntryNumber", entry).with("capability",
                    choose(H245Asn.CAPABILITY, "receiveUserInputCapability", choose(H245Asn.USER_INPUT_CAPABILITY, kind, AsnNull.NULL))));
            userInput.add(entry++);
        }
        if (telephoneEventPayloadType.isPresent()) {
            table.add(new SequenceValue().with("capabilityTableEntryNumber", entry).with("capability",
                    choose(H245Asn.CAPABILITY, "receiveRTPAudioTelephonyEventCapability", new SequenceValue()
                            .with("dynamicRTPPayloadType", (long) telephoneEventPayloadType.get())
                            .with("audioTelephoneEvent", "0-16".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))));
            userInput.add(entry++);
        }
        for (Long input : userInput) {
            simultaneous.add(List.of(input));
        }
        return request("terminalCapabilitySet", new SequenceValue()
                .with("sequenceNumber", (long) sequenceNumber).with("protocolIdentifier", PROTOCOL_IDENTIFIER)
                .with("multiplexCapability", choose(H245Asn.MULTIPLEX_CAPABILITY, "h2250Capability", h2250Capability()))
                .with("capabilityTable", table)
                .with("capabilityDescriptors", List.of(new SequenceValue().with("capabilityDescriptorNumber", 0L)
                        .with("simultaneousCapabilities", simultaneous))));
    }

    /**
     * The empty capability set (H.245 8.4.6, H.323 8.4.6 "third party initiated pause"): the receiver
     * closes the channels it transmits on until a non-empty set arrives. We use it for hold.
     */
    public static ChoiceValue emptyTerminalCapabilitySet(int sequenceNumber) {
        return request("terminalCapabilitySet", new SequenceValue()
                .with("sequenceNumber", (long) sequenceNumber).with("protocolIdentifier", PROTOCOL_IDENTIFIER));
    }

    /** Whether a TerminalCapabilitySet is the empty one (no capability table and no descriptors). */
    public static boolean isEmpty(SequenceValue terminalCapabilitySet) {
        return !terminalCapabilitySet.has("capabilityTable") && !terminalCapabilitySet.has("capabilityDescriptors");
    }

    /**
     * The RTP payload type of the receiveRTPAudioTelephonyEventCapability (RFC 2833 in H.245) of a
     * capability set, if it lists the DTMF events 0-9, *, # at least.
     */
    @SuppressWarnings("unchecked")
    public static Optional<Integer> telephoneEventPayloadType(SequenceValue terminalCapabilitySet) {
        for (Object e : (List<Object>) terminalCapabilitySet.find("capabilityTable").orElse(List.of())) {
            Optional<Object> capability = ((SequenceValue) e).find("capability");
            if (capability.isPresent() && "receiveRTPAudioTelephonyEventCapability".equals(((ChoiceValue) capability.get()).name())) {
                SequenceValue events = (SequenceValue) ((ChoiceValue) capability.get()).value();
                String list = new String((byte[]) events.get("audioTelephoneEvent"), java.nio.charset.StandardCharsets.ISO_8859_1);
                if (coversDigits(list)) {
                    return Optional.of((int) events.getLong("dynamicRTPPayloadType"));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether an RFC 2833 event list ("0-15,16", as in SDP fmtp) includes the events 0-11. */
    private static boolean coversDigits(String list) {
        boolean[] covered = new boolean[12];
        for (String part : list.split(",")) {
            String[] range = part.strip().split("-");
            try {
                int from = Integer.parseInt(range[0].strip());
                int to = range.length > 1 ? Integer.parseInt(range[1].strip()) : from;
                for (int event = Math.max(from, 0); event <= Math.min(to, 11); event++) {
                    covered[event] = true;
                }
            } catch (NumberFormatException ignored) {
                // an event list entry we cannot read covers nothing
            }
        }
        for (boolean c : covered) {
            if (!c) {
                return false;
            }
        }
        return true;
    }

    private static SequenceValue h2250Capability() {
        SequenceValue noDistribution = new SequenceValue().with("centralizedControl", false).with("distributedControl", false)
                .with("centralizedAudio", false).with("distributedAudio", false).with("centralizedVideo", false)
                .with("distributedVideo", false);
        SequenceValue multipoint = new SequenceValue().with("multicastCapability", false)
                .with("multiUniCastConference", false).with("mediaDistributionCapability", List.of(noDistribution));
        return new SequenceValue().with("maximumAudioDelayJitter", 250L).with("receiveMultipointCapability", multipoint)
                .with("transmitMultipointCapability", multipoint).with("receiveAndTransmitMultipointCapability", multipoint)
                .with("mcCapability", new SequenceValue().with("centralizedConferenceMC", false)
                        .with("decentralizedConferenceMC", false))
                .with("rtcpVideoControlCapability", false)
                .with("mediaPacketizationCapability", new SequenceValue().with("h261aVideoPacketization", false))
                .with("logicalChannelSwitchingCapability", false).with("t120DynamicPortCapability", false);
    }

    /** The receive audio capabilities of a TerminalCapabilitySet we can use, in the sender's table order. */
    @SuppressWarnings("unchecked")
    public static List<AudioCapability> receiveAudio(SequenceValue terminalCapabilitySet) {
        List<AudioCapability> out = new ArrayList<>();
        for (Object e : (List<Object>) terminalCapabilitySet.find("capabilityTable").orElse(List.of())) {
            Optional<Object> capability = ((SequenceValue) e).find("capability");
            if (capability.isEmpty()) {
                continue;
            }
            ChoiceValue c = (ChoiceValue) capability.get();
            if (("receiveAudioCapability".equals(c.name()) || "receiveAndTransmitAudioCapability".equals(c.name()))) {
                AudioCapability.of((ChoiceValue) c.value()).filter(a -> !out.contains(a)).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * The iLBC mode (frame length in ms) an iLBC genericAudioCapability names in its mode parameter
     * (collapsing or not, whatever the value's kind), if it names one.
     */
    @SuppressWarnings("unchecked")
    public static Optional<Integer> ilbcMode(ChoiceValue audioCapability) {
        if (AudioCapability.of(audioCapability).filter(AudioCapability.ILBC::equals).isEmpty()) {
            return Optional.empty();
        }
        SequenceValue generic = (SequenceValue) audioCapability.value();
        for (String list : List.of("collapsing", "nonCollapsing")) {
            for (Object p : (List<Object>) generic.find(list).orElse(List.of())) {
                SequenceValue parameter = (SequenceValue) p;
                ChoiceValue identifier = parameter.getChoice("parameterIdentifier");
                ChoiceValue value = parameter.getChoice("parameterValue");
                if ("standard".equals(identifier.name()) && Long.valueOf(ILBC_MODE_PARAMETER).equals(identifier.value())
                        && value.value() instanceof Long mode) {
                    return Optional.of(mode.intValue());
                }
            }
        }
        return Optional.empty();
    }

    /** The mode of the first iLBC receive capability of a capability set, if it lists iLBC with a mode. */
    @SuppressWarnings("unchecked")
    public static Optional<Integer> receiveIlbcMode(SequenceValue terminalCapabilitySet) {
        for (Object e : (List<Object>) terminalCapabilitySet.find("capabilityTable").orElse(List.of())) {
            Optional<Object> capability = ((SequenceValue) e).find("capability");
            if (capability.isPresent() && ("receiveAudioCapability".equals(((ChoiceValue) capability.get()).name())
                    || "receiveAndTransmitAudioCapability".equals(((ChoiceValue) capability.get()).name()))) {
                ChoiceValue audio = (ChoiceValue) ((ChoiceValue) capability.get()).value();
                if (AudioCapability.of(audio).filter(AudioCapability.ILBC::equals).isPresent()) {
                    return ilbcMode(audio);
                }
            }
        }
        return Optional.empty();
    }

    public static ChoiceValue terminalCapabilitySetAck(int sequenceNumber) {
        return response("terminalCapabilitySetAck", new SequenceValue().with("sequenceNumber", (long) sequenceNumber));
    }

    public static ChoiceValue masterSlaveDetermination(int statusDeterminationNumber) {
        return request("masterSlaveDetermination", new SequenceValue().with("terminalType", (long) TERMINAL_TYPE)
                .with("statusDeterminationNumber", (long) statusDeterminationNumber));
    }

    /** @param master true if the receiver of this ack is the master (H.245 C.2: the decision is the peer's role) */
    public static ChoiceValue masterSlaveDeterminationAck(boolean receiverIsMaster) {
        return response("masterSlaveDeterminationAck", new SequenceValue().with("decision",
                choose(H245Asn.MASTER_SLAVE_DETERMINATION_ACK_DECISION, receiverIsMaster ? "master" : "slave", AsnNull.NULL)));
    }

    // Addresses

    public static ChoiceValue transportAddress(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        if (!(ip instanceof Inet4Address)) {
            throw new IllegalArgumentException("H.323 media addresses are IPv4 here: " + address);
        }
        return choose(H245Asn.TRANSPORT_ADDRESS, "unicastAddress", choose(H245Asn.UNICAST_ADDRESS, "iPAddress",
                new SequenceValue().with("network", ip.getAddress()).with("tsapIdentifier", (long) address.getPort())));
    }

    public static Optional<InetSocketAddress> socketAddress(Optional<Object> transportAddress) {
        if (transportAddress.isEmpty()) {
            return Optional.empty();
        }
        ChoiceValue ta = (ChoiceValue) transportAddress.get();
        if (!"unicastAddress".equals(ta.name()) || !"iPAddress".equals(((ChoiceValue) ta.value()).name())) {
            return Optional.empty();
        }
        SequenceValue ip = (SequenceValue) ((ChoiceValue) ta.value()).value();
        try {
            return Optional.of(new InetSocketAddress(InetAddress.getByAddress((byte[]) ip.get("network")),
                    (int) ip.getLong("tsapIdentifier")));
        } catch (UnknownHostException e) {
            throw new PerException("bad IPv4 address");
        }
    }

    // Logical channels

    private static SequenceValue h2250Parameters(Coding coding, Optional<InetSocketAddress> rtp,
            Optional<InetSocketAddress> rtcp) {
        SequenceValue p = new SequenceValue().with("sessionID", (long) AUDIO_SESSION);
        rtp.ifPresent(a -> p.with("mediaChannel", transportAddress(a)));
        p.with("mediaGuaranteedDelivery", false);
        rtcp.ifPresent(a -> p.with("mediaControlChannel", transportAddress(a)));
        if (coding.codec().dynamicPayloadType()) { // H.225.0: a codec without static payload type names its dynamic one
            p.with("dynamicRTPPayloadType", (long) coding.payloadType());
        }
        return p;
    }

    /**
     * A forward channel: we send {@code codec}; our RTCP address so the receiver can report. A
     * fastStart answer also carries the receiver's RTP address ({@code rtp}).
     */
    public static SequenceValue forwardChannel(int number, AudioCapability codec, Optional<InetSocketAddress> rtp,
            InetSocketAddress rtcp) {
        return forwardChannel(number, Coding.of(codec), rtp, rtcp);
    }

    /** A forward channel whose sender uses {@code coding} (its payload type, its iLBC mode). */
    public static SequenceValue forwardChannel(int number, Coding coding, Optional<InetSocketAddress> rtp,
            InetSocketAddress rtcp) {
        return new SequenceValue().with("forwardLogicalChannelNumber", (long) number)
                .with("forwardLogicalChannelParameters", new SequenceValue()
                        .with("dataType", choose(H245Asn.DATA_TYPE, "audioData", audioData(coding)))
                        .with("multiplexParameters", choose(H245Asn.OLC_FORWARD_MULTIPLEX, "h2250LogicalChannelParameters",
                                h2250Parameters(coding, rtp, Optional.of(rtcp)).with("silenceSuppression", false))));
    }

    /**
     * A reverse channel as fastStart uses it: in a proposal, we receive {@code codec} at {@code rtp};
     * in an answer (no rtp), the callee will send it and gives its RTCP address.
     */
    public static SequenceValue reverseChannel(int number, AudioCapability codec, Optional<InetSocketAddress> rtp,
            InetSocketAddress rtcp) {
        return reverseChannel(number, Coding.of(codec), rtp, rtcp);
    }

    /** A reverse channel whose sender (the callee) uses {@code coding}. */
    public static SequenceValue reverseChannel(int number, Coding coding, Optional<InetSocketAddress> rtp,
            InetSocketAddress rtcp) {
        return new SequenceValue().with("forwardLogicalChannelNumber", (long) number)
                .with("forwardLogicalChannelParameters", new SequenceValue()
                        .with("dataType", choose(H245Asn.DATA_TYPE, "nullData", AsnNull.NULL))
                        .with("multiplexParameters", choose(H245Asn.OLC_FORWARD_MULTIPLEX, "none", AsnNull.NULL)))
                .with("reverseLogicalChannelParameters", new SequenceValue()
                        .with("dataType", choose(H245Asn.DATA_TYPE, "audioData", audioData(coding)))
                        .with("multiplexParameters", choose(H245Asn.OLC_REVERSE_MULTIPLEX, "h2250LogicalChannelParameters",
                                h2250Parameters(coding, rtp, Optional.of(rtcp)))));
    }

    /**
     * One OpenLogicalChannel read back: direction as seen by its sender, codec and addresses, and how the
     * channel's sender carries the codec (its dynamic payload type, its iLBC mode) where it says.
     */
    public record Channel(int number, boolean reverse, Optional<AudioCapability> codec,
            Optional<InetSocketAddress> rtp, Optional<InetSocketAddress> rtcp, Optional<Integer> dynamicPayloadType,
            Optional<Integer> ilbcMode) {

        /** The coding of the channel: its payload type (the codec's own when none is named) and iLBC mode. */
        public Optional<Coding> coding() {
            return codec.map(c -> Coding.of(c, dynamicPayloadType.filter(t -> c.dynamicPayloadType()).orElse(c.payloadType()),
                    ilbcMode.orElse(H245Messages.ILBC_MODE_MILLIS)));
        }
    }

    public static Channel channel(SequenceValue olc) {
        int number = (int) olc.getLong("forwardLogicalChannelNumber");
        SequenceValue params = olc.find("reverseLogicalChannelParameters").map(SequenceValue.class::cast)
                .orElse(olc.getSequence("forwardLogicalChannelParameters"));
        boolean reverse = olc.has("reverseLogicalChannelParameters");
        ChoiceValue dataType = params.getChoice("dataType");
        boolean audio = "audioData".equals(dataType.name());
        Optional<AudioCapability> codec = audio ? AudioCapability.of((ChoiceValue) dataType.value()) : Optional.empty();
        Optional<Integer> ilbcMode = audio ? ilbcMode((ChoiceValue) dataType.value()) : Optional.empty();
        Optional<SequenceValue> h2250 = params.find("multiplexParameters").map(ChoiceValue.class::cast)
                .filter(m -> "h2250LogicalChannelParameters".equals(m.name())).map(m -> (SequenceValue) m.value());
        return new Channel(number, reverse, codec,
                h2250.flatMap(h -> socketAddress(h.find("mediaChannel"))),
                h2250.flatMap(h -> socketAddress(h.find("mediaControlChannel"))),
                h2250.flatMap(h -> h.find("dynamicRTPPayloadType")).map(t -> ((Long) t).intValue()), ilbcMode);
    }

    public static ChoiceValue openLogicalChannel(SequenceValue olc) {
        return request("openLogicalChannel", olc);
    }

    /** The ack of a forward channel: where we receive its RTP and send its RTCP. */
    public static ChoiceValue openLogicalChannelAck(int number, InetSocketAddress rtp, InetSocketAddress rtcp) {
        return response("openLogicalChannelAck", new SequenceValue().with("forwardLogicalChannelNumber", (long) number)
                .with("forwardMultiplexAckParameters", choose(H245Asn.OLC_ACK_MULTIPLEX, "h2250LogicalChannelAckParameters",
                        new SequenceValue().with("sessionID", (long) AUDIO_SESSION).with("mediaChannel", transportAddress(rtp))
                                .with("mediaControlChannel", transportAddress(rtcp)))));
    }

    /** The peer's RTP address from an OpenLogicalChannelAck. */
    public static Optional<InetSocketAddress> ackMediaChannel(SequenceValue ack) {
        return ack.find("forwardMultiplexAckParameters").map(ChoiceValue.class::cast)
                .filter(c -> "h2250LogicalChannelAckParameters".equals(c.name()))
                .flatMap(c -> socketAddress(((SequenceValue) c.value()).find("mediaChannel")));
    }

    public static ChoiceValue openLogicalChannelReject(int number) {
        return response("openLogicalChannelReject", new SequenceValue().with("forwardLogicalChannelNumber", (long) number)
                .with("cause", choose(H245Asn.OLC_REJECT_CAUSE, "dataTypeNotSupported", AsnNull.NULL)));
    }

    public static ChoiceValue closeLogicalChannel(int number) {
        return request("closeLogicalChannel", new SequenceValue().with("forwardLogicalChannelNumber", (long) number)
                .with("source", choose(H245Asn.CLC_SOURCE, "user", AsnNull.NULL)));
    }

    public static ChoiceValue closeLogicalChannelAck(int number) {
        return response("closeLogicalChannelAck", new SequenceValue().with("forwardLogicalChannelNumber", (long) number));
    }

    public static ChoiceValue roundTripDelayRequest(int sequenceNumber) {
        return request("roundTripDelayRequest", new SequenceValue().with("sequenceNumber", (long) sequenceNumber));
    }

    public static ChoiceValue roundTripDelayResponse(int sequenceNumber) {
        return response("roundTripDelayResponse", new SequenceValue().with("sequenceNumber", (long) sequenceNumber));
    }

    public static ChoiceValue endSessionCommand() {
        return command("endSessionCommand", choose(H245Asn.END_SESSION_COMMAND, "disconnect", AsnNull.NULL));
    }

    public static ChoiceValue userInputAlphanumeric(String text) {
        return indication("userInput", choose(H245Asn.USER_INPUT_INDICATION, "alphanumeric",
                text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    public static ChoiceValue userInputSignal(char digit, int durationMillis) {
        return indication("userInput", choose(H245Asn.USER_INPUT_INDICATION, "signal",
                new SequenceValue().with("signalType", String.valueOf(digit)).with("duration", (long) durationMillis)));
    }

    /** The keys of a UserInputIndication: the characters of alphanumeric, or signal's one key. */
    public static String userInputKeys(ChoiceValue userInputIndication) {
        return switch (userInputIndication.name() == null ? "" : userInputIndication.name()) {
            case "alphanumeric" -> new String((byte[]) userInputIndication.value(), java.nio.charset.StandardCharsets.ISO_8859_1);
            case "signal" -> ((SequenceValue) userInputIndication.value()).getString("signalType").replace("!", "");
            case "extendedAlphanumeric" -> new String((byte[]) ((SequenceValue) userInputIndication.value()).get("alphanumeric"),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            default -> "";
        };
    }
}
