package dev.switchboard.protocol.h323.internal.ras;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.switchboard.protocol.h323.internal.per.Asn;
import dev.switchboard.protocol.h323.internal.per.AsnNull;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.ObjectIdentifier;
import dev.switchboard.protocol.h323.internal.per.PerException;
import dev.switchboard.protocol.h323.internal.per.PerType;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.AdmissionConfirm;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.AdmissionReject;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.AdmissionRequest;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.DisengageConfirm;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.DisengageReject;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.DisengageRequest;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.GatekeeperConfirm;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.GatekeeperReject;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.GatekeeperRequest;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.InfoRequest;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.InfoRequestResponse;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.RegistrationConfirm;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.RegistrationReject;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.RegistrationRequest;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.UnregistrationConfirm;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.UnregistrationReject;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.UnregistrationRequest;
import dev.switchboard.protocol.h323.internal.ras.RasMessage.Unsupported;

/** Converts RAS datagrams (PER-encoded RasMessage) to and from {@link RasMessage} records. */
public final class RasCodec {
    /** H.225.0 version 7, the version GnuGk 5 and h323plus announce. */
    public static final ObjectIdentifier PROTOCOL_IDENTIFIER = ObjectIdentifier.parse("0.0.8.2250.0.7");
    private static final byte[] PRODUCT_ID = "Switchboard".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION_ID = "0.1".getBytes(StandardCharsets.US_ASCII);

    private RasCodec() {
    }

    /** @throws PerException if the datagram is not a well-formed RasMessage (truncated, out of range, …) */
    public static RasMessage decode(byte[] datagram) {
        ChoiceValue pdu = (ChoiceValue) H225Asn.RAS_MESSAGE.decode(datagram);
        if (pdu.isUnknown()) { // a newer RAS message than H.225.0 v7: the caller ignores it
            return new Unsupported(0, "extension-" + pdu.index(), pdu);
        }
        if (!(pdu.value() instanceof SequenceValue m)) {
            return new Unsupported(0, pdu.name(), pdu);
        }
        int seq = (int) m.getLong("requestSeqNum");
        return switch (pdu.name()) {
            case "gatekeeperRequest" -> new GatekeeperRequest(seq, ip(m.get("rasAddress")),
                    optString(m, "gatekeeperIdentifier"), aliases(m, "endpointAlias"),
                    ((List<?>) m.find("authenticationCapability").orElse(List.of())).stream()
                            .map(c -> String.valueOf(((ChoiceValue) c).name())).toList(),
                    ((List<?>) m.find("algorithmOIDs").orElse(List.of())).stream()
                            .map(ObjectIdentifier.class::cast).toList());
            case "gatekeeperConfirm" -> new GatekeeperConfirm(seq, optString(m, "gatekeeperIdentifier"),
                    ip(m.get("rasAddress")), m.find("authenticationMode").map(c -> String.valueOf(((ChoiceValue) c).name())),
                    m.find("algorithmOID").map(ObjectIdentifier.class::cast));
            case "gatekeeperReject" -> new GatekeeperReject(seq, optString(m, "gatekeeperIdentifier"),
                    reason(m, "rejectReason"));
            case "registrationRequest" -> new RegistrationRequest(seq, (Boolean) m.get("discoveryComplete"),
                    ips(m, "callSignalAddress"), ips(m, "rasAddress"), aliases(m, "terminalAlias"),
                    optString(m, "gatekeeperIdentifier"), m.find("timeToLive").map(Long.class::cast),
                    m.find("keepAlive").map(Boolean.class::cast).orElse(false), optString(m, "endpointIdentifier"),
                    tokens(m));
            case "registrationConfirm" -> new RegistrationConfirm(seq, ips(m, "callSignalAddress"),
                    aliases(m, "terminalAlias"), optString(m, "gatekeeperIdentifier"),
                    identifier(m.getString("endpointIdentifier")), m.find("timeToLive").map(Long.class::cast));
            case "registrationReject" -> new RegistrationReject(seq, reason(m, "rejectReason"),
                    optString(m, "gatekeeperIdentifier"));
            case "unregistrationRequest" -> new UnregistrationRequest(seq, ips(m, "callSignalAddress"),
                    aliases(m, "endpointAlias"), optString(m, "endpointIdentifier"), optString(m, "gatekeeperIdentifier"),
                    m.find("reason").map(r -> String.valueOf(((ChoiceValue) r).name())));
            case "unregistrationConfirm" -> new UnregistrationConfirm(seq);
            case "unregistrationReject" -> new UnregistrationReject(seq, reason(m, "rejectReason"));
            case "admissionRequest" -> new AdmissionRequest(seq,
                    m.find("callModel").map(c -> ((ChoiceValue) c).name()), identifier(m.getString("endpointIdentifier")),
                    aliases(m, "destinationInfo"), m.find("destCallSignalAddress").map(RasCodec::ip),
                    aliases(m, "srcInfo"), m.find("srcCallSignalAddress").map(RasCodec::ip), m.getLong("bandWidth"),
                    (int) m.getLong("callReferenceValue"), (byte[]) m.get("conferenceID"), (Boolean) m.get("answerCall"),
                    m.find("callIdentifier").map(c -> (byte[]) ((SequenceValue) c).get("guid")),
                    optString(m, "gatekeeperIdentifier"), tokens(m));
            case "admissionConfirm" -> new AdmissionConfirm(seq, m.getLong("bandWidth"), m.getChoice("callModel").name(),
                    ip(m.get("destCallSignalAddress")), m.find("irrFrequency").map(f -> (int) (long) (Long) f));
            case "admissionReject" -> new AdmissionReject(seq, reason(m, "rejectReason"));
            case "disengageRequest" -> new DisengageRequest(seq, identifier(m.getString("endpointIdentifier")),
                    (byte[]) m.get("conferenceID"), (int) m.getLong("callReferenceValue"),
                    reason(m, "disengageReason"),
                    m.find("callIdentifier").map(c -> (byte[]) ((SequenceValue) c).get("guid")),
                    optString(m, "gatekeeperIdentifier"), m.find("answeredCall").map(Boolean.class::cast).orElse(false));
            case "disengageConfirm" -> new DisengageConfirm(seq);
            case "disengageReject" -> new DisengageReject(seq, reason(m, "rejectReason"));
            case "infoRequest" -> new InfoRequest(seq, (int) m.getLong("callReferenceValue"),
                    m.find("replyAddress").map(RasCodec::ip));
            case "infoRequestResponse" -> new InfoRequestResponse(seq, identifier(m.getString("endpointIdentifier")),
                    ip(m.get("rasAddress")), ips(m, "callSignalAddress"), aliases(m, "endpointAlias"),
                    m.find("needResponse").map(Boolean.class::cast).orElse(false),
                    m.find("unsolicited").map(Boolean.class::cast).orElse(false));
            default -> new Unsupported(seq, pdu.name(), pdu);
        };
    }

    public static byte[] encode(RasMessage message) {
        return H225Asn.RAS_MESSAGE.encode(switch (message) {
            case GatekeeperRequest m -> pdu("gatekeeperRequest", header(m).with("rasAddress", transport(m.rasAddress()))
                    .with("endpointType", terminal())
                    .with("gatekeeperIdentifier", m.gatekeeperIdentifier().orElse(null))
                    .with("endpointAlias", aliasList(m.endpointAlias()))
                    .with("authenticationCapability", m.authenticationCapability().isEmpty() ? null
                            : m.authenticationCapability().stream()
                                    .<Object>map(c -> nullChoice(H225Asn.AUTHENTICATION_MECHANISM, c)).toList())
                    .with("algorithmOIDs", m.algorithmOIDs().isEmpty() ? null : List.<Object>copyOf(m.algorithmOIDs()))
                    .with("supportsAssignedGK", false));
            case GatekeeperConfirm m -> pdu("gatekeeperConfirm", header(m)
                    .with("gatekeeperIdentifier", m.gatekeeperIdentifier().orElse(null))
                    .with("rasAddress", transport(m.rasAddress()))
                    .with("authenticationMode",
                            m.authenticationMode().map(c -> nullChoice(H225Asn.AUTHENTICATION_MECHANISM, c)).orElse(null))
                    .with("algorithmOID", m.algorithmOID().orElse(null)));
            case GatekeeperReject m -> pdu("gatekeeperReject", header(m)
                    .with("gatekeeperIdentifier", m.gatekeeperIdentifier().orElse(null))
                    .with("rejectReason", nullChoice(H225Asn.GATEKEEPER_REJECT_REASON, m.rejectReason())));
            case RegistrationRequest m -> pdu("registrationRequest", header(m)
                    .with("discoveryComplete", m.discoveryComplete())
                    .with("callSignalAddress", transports(m.callSignalAddress()))
                    .with("rasAddress", transports(m.rasAddress())).with("terminalType", terminal())
                    .with("terminalAlias", aliasList(m.terminalAlias()))
                    .with("gatekeeperIdentifier", m.gatekeeperIdentifier().orElse(null))
                    .with("endpointVendor", vendor()).with("timeToLive", m.timeToLive().orElse(null))
                    .with("tokens", m.tokens().isEmpty() ? null : List.<Object>copyOf(m.tokens()))
                    .with("keepAlive", m.keepAlive()).with("endpointIdentifier", m.endpointIdentifier().orElse(null))
                    .with("willSupplyUUIEs", false).with("maintainConnection", false));
            case RegistrationConfirm m -> pdu("registrationConfirm", header(m)
                    .with("callSignalAddress", transports(m.callSignalAddress()))
                    .with("terminalAlias", aliasList(m.terminalAlias()))
                    .with("gatekeeperIdentifier", m.gatekeeperIdentifier().orElse(null))
                    .with("endpointIdentifier", m.endpointIdentifier()).with("timeToLive", m.timeToLive().orElse(null))
                    .with("willRespondToIRR", false).with("maintainConnection", false));
            case RegistrationReject m -> pdu("registrationReject", header(m)
                    .with("rejectReason", nullChoice(H225Asn.REGISTRATION_REJECT_REASON, m.rejectReason()))
                    .with("gatekeeperIdentifier", m.gatekeeperIdentifier().orElse(null)));
            case UnregistrationRequest m -> pdu("unregistrationRequest", seq(m)
                    .with("callSignalAddress", transports(m.callSignalAddress()))
                    .with("endpointAlias", aliasList(m.endpointAlias()))
                    .with("endpointIdentifier", m.endpointIdentifier().orElse(null))
                    .with("gatekeeperIdentifier", m.gatekeeperIdentifier().orElse(null))
                    .with("reason", m.reason().map(r -> nullChoice(H225Asn.UNREG_REQUEST_REASON, r)).orElse(null)));
            case UnregistrationConfirm m -> pdu("unregistrationConfirm", seq(m));
            case UnregistrationReject m -> pdu("unregistrationReject", seq(m)
                    .with("rejectReason", nullChoice(H225Asn.UNREG_REJECT_REASON, m.rejectReason())));
            case AdmissionRequest m -> pdu("admissionRequest", seq(m)
                    .with("callType", nullChoice(H225Asn.CALL_TYPE, "pointToPoint"))
                    .with("callModel", m.callModel().map(c -> nullChoice(H225Asn.CALL_MODEL, c)).orElse(null))
                    .with("endpointIdentifier", m.endpointIdentifier())
                    .with("destinationInfo", aliasList(m.destinationInfo()))
                    .with("destCallSignalAddress", m.destCallSignalAddress().map(RasCodec::transport).orElse(null))
                    .with("srcInfo", aliasValues(m.srcInfo()))
                    .with("srcCallSignalAddress", m.srcCallSignalAddress().map(RasCodec::transport).orElse(null))
                    .with("bandWidth", m.bandWidth()).with("callReferenceValue", (long) m.callReferenceValue())
                    .with("conferenceID", m.conferenceID()).with("activeMC", false).with("answerCall", m.answerCall())
                    .with("canMapAlias", true)
                    .with("callIdentifier", m.callIdentifier().map(g -> new SequenceValue().with("guid", g)).orElse(null))
                    .with("gatekeeperIdentifier", m.gatekeeperIdentifier().orElse(null))
                    .with("tokens", m.tokens().isEmpty() ? null : List.<Object>copyOf(m.tokens()))
                    .with("willSupplyUUIEs", false));
            case AdmissionConfirm m -> pdu("admissionConfirm", seq(m).with("bandWidth", m.bandWidth())
                    .with("callModel", nullChoice(H225Asn.CALL_MODEL, m.callModel()))
                    .with("destCallSignalAddress", transport(m.destCallSignalAddress()))
                    .with("irrFrequency", m.irrFrequency().map(Integer::longValue).orElse(null)));
            case AdmissionReject m -> pdu("admissionReject", seq(m)
                    .with("rejectReason", nullChoice(H225Asn.ADMISSION_REJECT_REASON, m.rejectReason())));
            case DisengageRequest m -> pdu("disengageRequest", seq(m)
                    .with("endpointIdentifier", m.endpointIdentifier()).with("conferenceID", m.conferenceID())
                    .with("callReferenceValue", (long) m.callReferenceValue())
                    .with("disengageReason", nullChoice(H225Asn.DISENGAGE_REASON, m.disengageReason()))
                    .with("callIdentifier", m.callIdentifier().map(g -> new SequenceValue().with("guid", g)).orElse(null))
                    .with("gatekeeperIdentifier", m.gatekeeperIdentifier().orElse(null))
                    .with("answeredCall", m.answeredCall()));
            case DisengageConfirm m -> pdu("disengageConfirm", seq(m));
            case DisengageReject m -> pdu("disengageReject", seq(m)
                    .with("rejectReason", nullChoice(H225Asn.DISENGAGE_REJECT_REASON, m.rejectReason())));
            case InfoRequest m -> pdu("infoRequest", seq(m).with("callReferenceValue", (long) m.callReferenceValue())
                    .with("replyAddress", m.replyAddress().map(RasCodec::transport).orElse(null)));
            case InfoRequestResponse m -> pdu("infoRequestResponse", seq(m).with("endpointType", terminal())
                    .with("endpointIdentifier", m.endpointIdentifier()).with("rasAddress", transport(m.rasAddress()))
                    .with("callSignalAddress", transports(m.callSignalAddress()))
                    .with("endpointAlias", aliasList(m.endpointAlias()))
                    .with("needResponse", m.needResponse()).with("unsolicited", m.unsolicited()));
            case Unsupported m -> m.pdu();
        });
    }

    private static ChoiceValue pdu(String name, SequenceValue body) {
        return Asn.choose(H225Asn.RAS_MESSAGE, name, body);
    }

    private static SequenceValue seq(RasMessage m) {
        return new SequenceValue().with("requestSeqNum", (long) m.requestSeqNum());
    }

    private static SequenceValue header(RasMessage m) {
        return seq(m).with("protocolIdentifier", PROTOCOL_IDENTIFIER);
    }

    private static ChoiceValue nullChoice(PerType type, String name) {
        return Asn.choose(type, name, AsnNull.NULL);
    }

    private static SequenceValue terminal() {
        return new SequenceValue().with("terminal", new SequenceValue()).with("mc", false).with("undefinedNode", false);
    }

    private static SequenceValue vendor() {
        SequenceValue h221 = new SequenceValue().with("t35CountryCode", 0L).with("t35Extension", 0L)
                .with("manufacturerCode", 0L);
        return new SequenceValue().with("vendor", h221).with("productId", PRODUCT_ID).with("versionId", VERSION_ID);
    }

    /** Our EndpointType: a terminal with Switchboard's vendor identification (also used in call signalling). */
    public static SequenceValue endpointType() {
        return terminal().with("vendor", vendor());
    }

    public static ChoiceValue transport(InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        SequenceValue body = new SequenceValue().with("ip", ip).with("port", (long) address.getPort());
        return Asn.choose(H225Asn.TRANSPORT_ADDRESS, ip.length == 4 ? "ipAddress" : "ip6Address", body);
    }

    private static List<Object> transports(List<InetSocketAddress> addresses) {
        return addresses.stream().<Object>map(RasCodec::transport).toList();
    }

    /** An optional alias list: absent when empty. */
    private static List<Object> aliasList(List<AliasAddress> aliases) {
        return aliases.isEmpty() ? null : aliasValues(aliases);
    }

    public static List<Object> aliasValues(List<AliasAddress> aliases) {
        List<Object> out = new ArrayList<>();
        for (AliasAddress alias : aliases) {
            out.add(switch (alias) {
                case AliasAddress.DialledDigits d -> Asn.choose(H225Asn.ALIAS_ADDRESS, "dialledDigits", d.value());
                case AliasAddress.H323Id h -> Asn.choose(H225Asn.ALIAS_ADDRESS, "h323-ID", h.value());
                case AliasAddress.Other o -> throw new PerException("cannot send alias kind " + o.kind());
            });
        }
        return out;
    }

    public static InetSocketAddress ip(Object transportAddress) {
        ChoiceValue c = (ChoiceValue) transportAddress;
        if (!("ipAddress".equals(c.name()) || "ip6Address".equals(c.name()))) {
            throw new PerException("unsupported transport address " + c.name());
        }
        SequenceValue s = (SequenceValue) c.value();
        try {
            return new InetSocketAddress(InetAddress.getByAddress((byte[]) s.get("ip")), (int) s.getLong("port"));
        } catch (UnknownHostException e) {
            throw new PerException("bad IP address length");
        }
    }

    private static List<InetSocketAddress> ips(SequenceValue m, String name) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (Object t : (List<?>) m.find(name).orElse(List.of())) {
            ChoiceValue c = (ChoiceValue) t;
            if ("ipAddress".equals(c.name()) || "ip6Address".equals(c.name())) {
                out.add(ip(c));
            }
        }
        return List.copyOf(out);
    }

    public static List<AliasAddress> aliases(SequenceValue m, String name) {
        List<AliasAddress> out = new ArrayList<>();
        for (Object a : (List<?>) m.find(name).orElse(List.of())) {
            ChoiceValue c = (ChoiceValue) a;
            out.add(switch (String.valueOf(c.name())) {
                case "dialledDigits" -> new AliasAddress.DialledDigits((String) c.value());
                case "h323-ID" -> new AliasAddress.H323Id(identifier((String) c.value()));
                default -> new AliasAddress.Other(String.valueOf(c.name()), String.valueOf(c.value()));
            });
        }
        return List.copyOf(out);
    }

    /** h323plus terminates its BMPString identifiers with NUL; the identifier itself is what precedes it. */
    private static String identifier(String bmp) {
        int nul = bmp.indexOf('\0');
        return nul < 0 ? bmp : bmp.substring(0, nul);
    }

    private static List<SequenceValue> tokens(SequenceValue m) {
        return ((List<?>) m.find("tokens").orElse(List.of())).stream().map(SequenceValue.class::cast).toList();
    }

    private static Optional<String> optString(SequenceValue m, String name) {
        return m.find(name).map(s -> identifier((String) s));
    }

    private static String reason(SequenceValue m, String name) {
        ChoiceValue c = m.getChoice(name);
        return c.isUnknown() ? "extension-" + c.index() : c.name();
    }
}
