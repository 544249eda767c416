package dev.switchboard.protocol.h323.internal.cs;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.switchboard.protocol.h323.internal.per.Asn;
import dev.switchboard.protocol.h323.internal.per.AsnNull;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.PerException;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;
import dev.switchboard.protocol.h323.internal.ras.AliasAddress;
import dev.switchboard.protocol.h323.internal.ras.H225Asn;
import dev.switchboard.protocol.h323.internal.ras.RasCodec;

/**
 * Builds the Q.931 messages of an H.323 call (H.225.0 7.3-7.4: Setup, CallProceeding, Alerting,
 * Connect, ReleaseComplete, Facility) with their H323-UserInformation, fastStart and tunnelled H.245,
 * and reads them back into a {@link Received}. The caller's messages carry the call reference flag 0,
 * the callee's 1 (Q.931 4.3).
 */
public final class CallSignalling {
    private CallSignalling() {
    }

    /** Bearer capability: ITU-T coding, speech; circuit mode 64 kbit/s; layer 1 G.711 A-law (as h323plus sends). */
    private static final byte[] BEARER_SPEECH = {(byte) 0x80, (byte) 0x90, (byte) 0xa5};
    private static final int BEARER_CAPABILITY = 0x04;
    private static final int CAUSE = 0x08;
    private static final int DISPLAY = 0x28;
    private static final int CALLED_PARTY_NUMBER = 0x70;
    private static final int CALLING_PARTY_NUMBER = 0x6C;

    /** Q.850 causes used in ReleaseComplete. */
    public static final int CAUSE_NORMAL = 16;
    public static final int CAUSE_BUSY = 17;
    public static final int CAUSE_NO_ANSWER = 19;
    public static final int CAUSE_REJECTED = 21;
    public static final int CAUSE_INCOMPATIBLE = 88;

    /** The identity of one call: Q.931 call reference, conference and call identifiers (H.225.0 7.6). */
    public record CallIdentity(int callReference, byte[] conferenceId, byte[] callId) {
    }

    /** What the H323-UU-PDU of every message carries for H.245: tunnelling and the tunnelled PDUs. */
    public record H245Tunnel(boolean tunnelling, List<byte[]> h245Control) {
        public static final H245Tunnel NONE = new H245Tunnel(false, List.of());

        public static H245Tunnel of(boolean tunnelling) {
            return new H245Tunnel(tunnelling, List.of());
        }
    }

    private static SequenceValue common(CallIdentity call) {
        return new SequenceValue().with("protocolIdentifier", RasCodec.PROTOCOL_IDENTIFIER)
                .with("callIdentifier", new SequenceValue().with("guid", call.callId()));
    }

    private static Q931Message message(CallIdentity call, boolean fromDestination, int type, String body,
            Object uuie, H245Tunnel tunnel, List<Q931Message.InformationElement> before) {
        SequenceValue uuPdu = new SequenceValue()
                .with("h323-message-body", Asn.choose(H225CallSignallingAsn.H323_UU_PDU_BODY, body, uuie))
                .with("h245Tunnelling", tunnel.tunnelling());
        if (!tunnel.h245Control().isEmpty()) {
            uuPdu.with("h245Control", List.copyOf(tunnel.h245Control()));
        }
        byte[] per = H225CallSignallingAsn.H323_USER_INFORMATION.encode(new SequenceValue().with("h323-uu-pdu", uuPdu));
        byte[] userUser = new byte[per.length + 1];
        userUser[0] = Q931Message.USER_USER_ASN1;
        System.arraycopy(per, 0, userUser, 1, per.length);
        List<Q931Message.InformationElement> elements = new ArrayList<>(before);
        elements.add(new Q931Message.InformationElement(Q931Message.USER_USER, userUser));
        return new Q931Message(call.callReference(), fromDestination, type, elements);
    }

    private static Q931Message.InformationElement display(String name) {
        byte[] text = name.getBytes(StandardCharsets.ISO_8859_1);
        return new Q931Message.InformationElement(DISPLAY, java.util.Arrays.copyOf(text, Math.min(text.length, 80)));
    }

    private static Q931Message.InformationElement number(int identifier, String digits) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x81); // type of number unknown, ISDN/telephony numbering plan
        out.writeBytes(digits.getBytes(StandardCharsets.US_ASCII));
        return new Q931Message.InformationElement(identifier, out.toByteArray());
    }

    public static Q931Message setup(CallIdentity call, String displayName, List<AliasAddress> source,
            List<AliasAddress> destination, Optional<InetSocketAddress> destCallSignalAddress,
            InetSocketAddress sourceCallSignalAddress, List<byte[]> fastStart, List<ChoiceValue> cryptoTokens,
            H245Tunnel tunnel) {
        SequenceValue setup = common(call)
                .with("sourceInfo", RasCodec.endpointType())
                .with("activeMC", false).with("conferenceID", call.conferenceId())
                .with("conferenceGoal", Asn.choose(H225CallSignallingAsn.CONFERENCE_GOAL, "create", AsnNull.NULL))
                .with("callType", Asn.choose(H225Asn.CALL_TYPE, "pointToPoint", AsnNull.NULL))
                .with("sourceCallSignalAddress", RasCodec.transport(sourceCallSignalAddress))
                .with("mediaWaitForConnect", false).with("canOverlapSend", false)
                .with("multipleCalls", false).with("maintainConnection", false);
        if (!source.isEmpty()) {
            setup.with("sourceAddress", RasCodec.aliasValues(source));
        }
        if (!destination.isEmpty()) {
            setup.with("destinationAddress", RasCodec.aliasValues(destination));
        }
        destCallSignalAddress.ifPresent(a -> setup.with("destCallSignalAddress", RasCodec.transport(a)));
        if (!fastStart.isEmpty()) {
            setup.with("fastStart", List.copyOf(fastStart));
        }
        if (!cryptoTokens.isEmpty()) {
            setup.with("cryptoTokens", List.<Object>copyOf(cryptoTokens));
        }
        List<Q931Message.InformationElement> elements = new ArrayList<>();
        elements.add(new Q931Message.InformationElement(BEARER_CAPABILITY, BEARER_SPEECH));
        if (!displayName.isEmpty()) {
            elements.add(display(displayName));
        }
        source.stream().filter(a -> a instanceof AliasAddress.DialledDigits).findFirst()
                .ifPresent(a -> elements.add(number(CALLING_PARTY_NUMBER, a.value())));
        destination.stream().filter(a -> a instanceof AliasAddress.DialledDigits).findFirst()
                .ifPresent(a -> elements.add(number(CALLED_PARTY_NUMBER, a.value())));
        return message(call, false, Q931Message.SETUP, "setup", setup, tunnel, elements);
    }

    public static Q931Message callProceeding(CallIdentity call, H245Tunnel tunnel) {
        SequenceValue body = common(call).with("destinationInfo", RasCodec.endpointType())
                .with("multipleCalls", false).with("maintainConnection", false);
        return message(call, true, Q931Message.CALL_PROCEEDING, "callProceeding", body, tunnel, List.of());
    }

    public static Q931Message alerting(CallIdentity call, List<byte[]> fastStart, H245Tunnel tunnel) {
        SequenceValue body = common(call).with("destinationInfo", RasCodec.endpointType())
                .with("multipleCalls", false).with("maintainConnection", false);
        if (!fastStart.isEmpty()) {
            body.with("fastStart", List.copyOf(fastStart));
        }
        return message(call, true, Q931Message.ALERTING, "alerting", body, tunnel, List.of());
    }

    public static Q931Message connect(CallIdentity call, String displayName, Optional<InetSocketAddress> h245Address,
            List<byte[]> fastStart, H245Tunnel tunnel) {
        SequenceValue body = common(call).with("destinationInfo", RasCodec.endpointType())
                .with("conferenceID", call.conferenceId()).with("multipleCalls", false).with("maintainConnection", false);
        h245Address.ifPresent(a -> body.with("h245Address", RasCodec.transport(a)));
        if (!fastStart.isEmpty()) {
            body.with("fastStart", List.copyOf(fastStart));
        }
        List<Q931Message.InformationElement> elements = displayName.isEmpty() ? List.of() : List.of(display(displayName));
        return message(call, true, Q931Message.CONNECT, "connect", body, tunnel, elements);
    }

    /**
     * @param reason a ReleaseCompleteReason alternative (e.g. "adaptiveBusy"), or empty
     * @param q850Cause the Q.850 cause for the Cause IE
     */
    public static Q931Message releaseComplete(CallIdentity call, boolean fromDestination, Optional<String> reason,
            int q850Cause, H245Tunnel tunnel) {
        return releaseCompleteWith(call, fromDestination,
                reason.map(r -> Asn.choose(H225Asn.RELEASE_COMPLETE_REASON, r, AsnNull.NULL)), q850Cause, tunnel);
    }

    /** A ReleaseComplete whose reason has a value (securityError with its SecurityErrors alternative). */
    public static Q931Message releaseComplete(CallIdentity call, boolean fromDestination, ChoiceValue reason, int q850Cause,
            H245Tunnel tunnel) {
        return releaseCompleteWith(call, fromDestination, Optional.of(reason), q850Cause, tunnel);
    }

    private static Q931Message releaseCompleteWith(CallIdentity call, boolean fromDestination, Optional<ChoiceValue> reason,
            int q850Cause, H245Tunnel tunnel) {
        SequenceValue body = common(call);
        reason.ifPresent(r -> body.with("reason", r));
        // Cause IE (Q.931 4.5.12): coding ITU-T, location user; cause value
        List<Q931Message.InformationElement> elements = List.of(new Q931Message.InformationElement(CAUSE,
                new byte[] {(byte) 0x80, (byte) (0x80 | q850Cause)}));
        return message(call, fromDestination, Q931Message.RELEASE_COMPLETE, "releaseComplete", body, tunnel, elements);
    }

    /** A Facility carrying only tunnelled H.245 (H.225.0 7.4: reason undefinedReason, as h323plus sends it). */
    public static Q931Message facility(CallIdentity call, boolean fromDestination, String reason, H245Tunnel tunnel) {
        SequenceValue body = common(call)
                .with("reason", Asn.choose(H225CallSignallingAsn.FACILITY_REASON, reason, AsnNull.NULL))
                .with("multipleCalls", false).with("maintainConnection", false);
        return message(call, fromDestination, Q931Message.FACILITY, "facility", body, tunnel, List.of());
    }

    /**
     * The callee's Facility that forwards a call it has not answered (H.225.0 7.4, reason
     * callForwarded): the caller is to call {@code alternativeAliases} at {@code alternativeAddress}
     * (or, without an address, through its gatekeeper) instead.
     */
    public static Q931Message forwardingFacility(CallIdentity call, Optional<InetSocketAddress> alternativeAddress,
            List<AliasAddress> alternativeAliases, H245Tunnel tunnel) {
        SequenceValue body = common(call);
        alternativeAddress.ifPresent(a -> body.with("alternativeAddress", RasCodec.transport(a)));
        if (!alternativeAliases.isEmpty()) {
            body.with("alternativeAliasAddress", RasCodec.aliasValues(alternativeAliases));
        }
        body.with("conferenceID", call.conferenceId())
                .with("reason", Asn.choose(H225CallSignallingAsn.FACILITY_REASON, "callForwarded", AsnNull.NULL))
                .with("multipleCalls", false).with("maintainConnection", false);
        return message(call, true, Q931Message.FACILITY, "facility", body, tunnel, List.of());
    }

    /**
     * A message that only carries tunnelled H.245 once the call is up: Q.931 FACILITY with the
     * "empty" body (H.225.0 7.4), as h323plus sends its tunnelled closeLogicalChannel.
     */
    public static Q931Message tunnelOnly(CallIdentity call, boolean fromDestination, H245Tunnel tunnel) {
        return message(call, fromDestination, Q931Message.FACILITY, "empty", AsnNull.NULL, tunnel, List.of());
    }

    /** One received call signalling message, read as far as the call needs it. */
    public record Received(Q931Message q931, String body, SequenceValue uuie, boolean h245Tunnelling,
            List<byte[]> h245Control) {

        public int callReference() {
            return q931.callReference();
        }

        public int messageType() {
            return q931.messageType();
        }

        @SuppressWarnings("unchecked")
        public List<byte[]> fastStart() {
            return uuie == null ? List.of() : (List<byte[]>) uuie.find("fastStart").orElse(List.of());
        }

        /** The CryptoH323Tokens of the message (e.g. a Setup's password hash). */
        public List<?> cryptoTokens() {
            return uuie == null ? List.of() : (List<?>) uuie.find("cryptoTokens").orElse(List.of());
        }

        public Optional<byte[]> callId() {
            return uuie == null ? Optional.empty()
                    : uuie.find("callIdentifier").map(c -> (byte[]) ((SequenceValue) c).get("guid"));
        }

        public Optional<byte[]> conferenceId() {
            return uuie == null ? Optional.empty() : uuie.find("conferenceID").map(byte[].class::cast);
        }

        public Optional<InetSocketAddress> h245Address() {
            return uuie == null ? Optional.empty() : uuie.find("h245Address").map(RasCodec::ip);
        }

        /** A Facility's reason (the FacilityReason alternative's name), if it has one. */
        public Optional<String> facilityReason() {
            return uuie == null || !"facility".equals(body) ? Optional.empty()
                    : uuie.find("reason").map(r -> String.valueOf(((ChoiceValue) r).name()));
        }

        /** A Facility's alternativeAddress: where a forwarded call is to go. */
        public Optional<InetSocketAddress> alternativeAddress() {
            return uuie == null ? Optional.empty() : uuie.find("alternativeAddress").map(RasCodec::ip);
        }

        public List<AliasAddress> aliases(String name) {
            return uuie == null ? List.of() : RasCodec.aliases(uuie, name);
        }

        public Optional<String> displayName() {
            return q931.element(DISPLAY).map(b -> new String(b, StandardCharsets.ISO_8859_1).replace("\0", "").strip())
                    .filter(s -> !s.isEmpty());
        }

        public Optional<String> calledNumber() {
            return q931.element(CALLED_PARTY_NUMBER).filter(b -> b.length > 1)
                    .map(b -> new String(b, 1, b.length - 1, StandardCharsets.US_ASCII));
        }

        /** The ReleaseCompleteReason alternative's name, if any. */
        public Optional<String> releaseReason() {
            return uuie == null ? Optional.empty()
                    : uuie.find("reason").map(r -> reasonName((ChoiceValue) r));
        }

        /** A reason's name; securityError with its SecurityErrors alternative, as "securityError(securityReplay)". */
        private static String reasonName(ChoiceValue reason) {
            if ("securityError".equals(reason.name()) && reason.value() instanceof ChoiceValue error) {
                return "securityError(" + error.name() + ")";
            }
            return String.valueOf(reason.name());
        }

        /** The Q.850 cause value of the Cause IE, if any. */
        public Optional<Integer> q850Cause() {
            return q931.element(CAUSE).flatMap(b -> {
                // octet 3 (and 3a when its extension bit is 0), then the cause value
                int index = (b.length > 0 && (b[0] & 0x80) == 0) ? 2 : 1;
                return b.length > index ? Optional.of(b[index] & 0x7F) : Optional.empty();
            });
        }
    }

    /** Reads one TPKT payload; a message without H323-UserInformation gets a null uuie. */
    @SuppressWarnings("unchecked")
    public static Received read(byte[] payload) {
        Q931Message q931 = Q931Message.parse(payload);
        Optional<byte[]> per = q931.h323UserInformation();
        if (per.isEmpty()) {
            return new Received(q931, "", null, false, List.of());
        }
        SequenceValue uuPdu = ((SequenceValue) H225CallSignallingAsn.H323_USER_INFORMATION.decode(per.get()))
                .getSequence("h323-uu-pdu");
        ChoiceValue body = uuPdu.getChoice("h323-message-body");
        if (body.name() == null) {
            throw new PerException("unknown h323-message-body alternative " + body.index());
        }
        SequenceValue uuie = body.value() instanceof SequenceValue s ? s : null;
        return new Received(q931, body.name(), uuie, (Boolean) uuPdu.find("h245Tunnelling").orElse(false),
                (List<byte[]>) uuPdu.find("h245Control").orElse(List.of()));
    }
}
