package dev.switchboard.protocol.h323.internal.h245;

import static dev.switchboard.protocol.h323.internal.per.Asn.BOOLEAN;
import static dev.switchboard.protocol.h323.internal.per.Asn.NULL;
import static dev.switchboard.protocol.h323.internal.per.Asn.OBJECT_IDENTIFIER;
import static dev.switchboard.protocol.h323.internal.per.Asn.OCTET_STRING;
import static dev.switchboard.protocol.h323.internal.per.Asn.choice;
import static dev.switchboard.protocol.h323.internal.per.Asn.ia5String;
import static dev.switchboard.protocol.h323.internal.per.Asn.integer;
import static dev.switchboard.protocol.h323.internal.per.Asn.lazy;
import static dev.switchboard.protocol.h323.internal.per.Asn.octetString;
import static dev.switchboard.protocol.h323.internal.per.Asn.sequence;
import static dev.switchboard.protocol.h323.internal.per.Asn.sequenceOf;

import dev.switchboard.protocol.h323.internal.per.PerException;
import dev.switchboard.protocol.h323.internal.per.PerInput;
import dev.switchboard.protocol.h323.internal.per.PerOutput;
import dev.switchboard.protocol.h323.internal.per.PerType;

/**
 * The part of H.245 (module MULTIMEDIA-SYSTEM-CONTROL, version 13) an audio endpoint uses:
 * MultimediaSystemControlMessage with master/slave determination, capability exchange, logical
 * channels, round-trip delay, end session and user input. Extension alternatives and additions
 * not modelled here are kept raw by the PER layer, so every PDU re-encodes bit-identically.
 * Root alternatives of no use to an audio terminal (video, H.222/H.223/V.76 multiplexes, H.223
 * multiplex tables, request mode, encryption) are {@link #unsupported} and end decoding with a
 * {@link PerException} naming them, since PER gives a root alternative no length to skip by.
 */
public final class H245Asn {
    private H245Asn() {
    }

    /** A root alternative this schema does not model: decoding or encoding it fails with its name. */
    static PerType unsupported(String name) {
        return new PerType() {
            @Override
            public void encode(PerOutput out, Object value) {
                throw new PerException("H.245 " + name + " is not supported");
            }

            @Override
            public Object decode(PerInput in) {
                throw new PerException("H.245 " + name + " is not supported");
            }
        };
    }

    /**
     * An extension alternative or addition this schema keeps as its raw encoding (it arrives in an
     * open type, so its end is known); re-encoded as the same octets.
     */
    static final PerType RAW_EXTENSION = new PerType() {
        @Override
        public void encode(PerOutput out, Object value) {
            out.writeOctets((byte[]) value);
        }

        @Override
        public Object decode(PerInput in) {
            return in.readOctets((int) (in.remainingBits() / 8));
        }
    };

    public static final PerType SEQUENCE_NUMBER = integer(0, 255);
    public static final PerType LOGICAL_CHANNEL_NUMBER = integer(1, 65535);
    public static final PerType CAPABILITY_TABLE_ENTRY_NUMBER = integer(1, 65535);

    public static final PerType NON_STANDARD_IDENTIFIER = choice()
            .alt("object", OBJECT_IDENTIFIER)
            .alt("h221NonStandard", sequence().mandatory("t35CountryCode", integer(0, 255))
                    .mandatory("t35Extension", integer(0, 255)).mandatory("manufacturerCode", integer(0, 65535)).build())
            .build();
    public static final PerType NON_STANDARD_PARAMETER = sequence()
            .mandatory("nonStandardIdentifier", NON_STANDARD_IDENTIFIER).mandatory("data", OCTET_STRING).build();
    private static final PerType NON_STANDARD_MESSAGE = sequence()
            .mandatory("nonStandardData", NON_STANDARD_PARAMETER).extensible().build();

    // Generic capabilities and messages
    public static final PerType CAPABILITY_IDENTIFIER = choice()
            .alt("standard", OBJECT_IDENTIFIER).alt("h221NonStandard", NON_STANDARD_PARAMETER)
            .alt("uuid", octetString(16, 16)).alt("domainBased", ia5String(1, 64, null)).extensible().build();
    public static final PerType PARAMETER_IDENTIFIER = choice()
            .alt("standard", integer(0, 127)).alt("h221NonStandard", NON_STANDARD_PARAMETER)
            .alt("uuid", octetString(16, 16)).alt("domainBased", ia5String(1, 64, null)).extensible().build();
    public static final PerType PARAMETER_VALUE = choice().alt("logical", NULL).alt("booleanArray", integer(0, 255))
            .alt("unsignedMin", integer(0, 65535)).alt("unsignedMax", integer(0, 65535))
            .alt("unsigned32Min", integer(0, 4294967295L)).alt("unsigned32Max", integer(0, 4294967295L))
            .alt("octetString", OCTET_STRING).alt("genericParameter", sequenceOf(lazy(() -> H245Asn.GENERIC_PARAMETER)))
            .extensible().build();
    private static final PerType GENERIC_PARAMETER = sequence()
            .mandatory("parameterIdentifier", PARAMETER_IDENTIFIER)
            .mandatory("parameterValue", PARAMETER_VALUE)
            .optional("supersedes", sequenceOf(PARAMETER_IDENTIFIER)).extensible().build();
    private static final PerType GENERIC_MESSAGE = sequence()
            .mandatory("messageIdentifier", CAPABILITY_IDENTIFIER).optional("subMessageIdentifier", integer(0, 127))
            .optional("messageContent", sequenceOf(GENERIC_PARAMETER)).extensible().build();
    private static final PerType GENERIC_INFORMATION = sequenceOf(GENERIC_MESSAGE);

    private static final PerType DATA_PROTOCOL_CAPABILITY = choice()
            .alt("nonStandard", NON_STANDARD_PARAMETER).alt("v14buffered", NULL).alt("v42lapm", NULL)
            .alt("hdlcFrameTunnelling", NULL).alt("h310SeparateVCStack", NULL).alt("h310SingleVCStack", NULL)
            .alt("transparent", NULL).extensible()
            .alt("segmentationAndReassembly", NULL).alt("hdlcFrameTunnelingwSAR", NULL).alt("v120", NULL)
            .alt("separateLANStack", NULL).alt("v76wCompression", RAW_EXTENSION)
            .alt("tcp", NULL).alt("udp", NULL).build();
    public static final PerType GENERIC_CAPABILITY = sequence()
            .mandatory("capabilityIdentifier", CAPABILITY_IDENTIFIER).optional("maxBitRate", integer(0, 4294967295L))
            .optional("collapsing", sequenceOf(GENERIC_PARAMETER)).optional("nonCollapsing", sequenceOf(GENERIC_PARAMETER))
            .optional("nonCollapsingRaw", OCTET_STRING).optional("transport", DATA_PROTOCOL_CAPABILITY)
            .extensible().build();

    private static final PerType T38_FAX_PROFILE = sequence()
            .mandatory("fillBitRemoval", BOOLEAN).mandatory("transcodingJBIG", BOOLEAN).mandatory("transcodingMMR", BOOLEAN)
            .extensible()
            .mandatory("version", integer(0, 255))
            .mandatory("t38FaxRateManagement", choice().alt("localTCF", NULL).alt("transferredTCF", NULL).extensible().build())
            .optional("t38FaxUdpOptions", sequence().optional("t38FaxMaxBuffer", integer(null, null, false))
                    .optional("t38FaxMaxDatagram", integer(null, null, false))
                    .mandatory("t38FaxUdpEC", choice().alt("t38UDPFEC", NULL).alt("t38UDPRedundancy", NULL).extensible().build())
                    .build())
            .optional("t38FaxTcpOptions", sequence().mandatory("t38TCPBidirectionalMode", BOOLEAN).extensible().build())
            .build();
    public static final PerType DATA_APPLICATION_CAPABILITY = sequence()
            .mandatory("application", choice()
                    .alt("nonStandard", NON_STANDARD_PARAMETER).alt("t120", DATA_PROTOCOL_CAPABILITY)
                    .alt("dsm-cc", DATA_PROTOCOL_CAPABILITY).alt("userData", DATA_PROTOCOL_CAPABILITY)
                    .alt("t84", unsupported("t84")).alt("t434", DATA_PROTOCOL_CAPABILITY)
                    .alt("h224", DATA_PROTOCOL_CAPABILITY)
                    .alt("nlpid", sequence().mandatory("nlpidProtocol", DATA_PROTOCOL_CAPABILITY)
                            .mandatory("nlpidData", OCTET_STRING).build())
                    .alt("dsvdControl", NULL).alt("h222DataPartitioning", DATA_PROTOCOL_CAPABILITY)
                    .extensible()
                    .alt("t30fax", DATA_PROTOCOL_CAPABILITY).alt("t140", DATA_PROTOCOL_CAPABILITY)
                    .alt("t38fax", sequence().mandatory("t38FaxProtocol", DATA_PROTOCOL_CAPABILITY)
                            .mandatory("t38FaxProfile", T38_FAX_PROFILE).build())
                    .alt("genericDataCapability", GENERIC_CAPABILITY).build())
            .mandatory("maxBitRate", integer(0, 4294967295L)).extensible().build();

    // Audio
    private static final PerType FRAMES = integer(1, 256);
    public static final PerType AUDIO_CAPABILITY = choice()
            .alt("nonStandard", NON_STANDARD_PARAMETER).alt("g711Alaw64k", FRAMES).alt("g711Alaw56k", FRAMES)
            .alt("g711Ulaw64k", FRAMES).alt("g711Ulaw56k", FRAMES).alt("g722-64k", FRAMES).alt("g722-56k", FRAMES)
            .alt("g722-48k", FRAMES)
            .alt("g7231", sequence().mandatory("maxAl-sduAudioFrames", FRAMES).mandatory("silenceSuppression", BOOLEAN).build())
            .alt("g728", FRAMES).alt("g729", FRAMES).alt("g729AnnexA", FRAMES)
            .alt("is11172AudioCapability", unsupported("is11172AudioCapability"))
            .alt("is13818AudioCapability", unsupported("is13818AudioCapability"))
            .extensible()
            .alt("g729wAnnexB", FRAMES).alt("g729AnnexAwAnnexB", FRAMES)
            .alt("g7231AnnexCCapability", RAW_EXTENSION)
            .alt("gsmFullRate", RAW_EXTENSION).alt("gsmHalfRate", RAW_EXTENSION).alt("gsmEnhancedFullRate", RAW_EXTENSION)
            .alt("genericAudioCapability", GENERIC_CAPABILITY)
            .build();

    public static final PerType USER_INPUT_CAPABILITY = choice()
            .alt("nonStandard", sequenceOf(NON_STANDARD_PARAMETER, 1, 16)).alt("basicString", NULL)
            .alt("iA5String", NULL).alt("generalString", NULL).alt("dtmf", NULL).alt("hookflash", NULL)
            .extensible()
            .alt("extendedAlphanumeric", NULL).alt("encryptedBasicString", NULL).alt("encryptedIA5String", NULL)
            .alt("encryptedGeneralString", NULL).alt("secureDTMF", NULL).alt("genericUserInputCapability", GENERIC_CAPABILITY)
            .build();
    /** GeneralString has no known multiplier: PER sends it as a length and octets, like an OCTET STRING. */
    public static final PerType GENERAL_STRING = OCTET_STRING;
    public static final PerType AUDIO_TELEPHONY_EVENT_CAPABILITY = sequence()
            .mandatory("dynamicRTPPayloadType", integer(96, 127)).mandatory("audioTelephoneEvent", GENERAL_STRING)
            .extensible().build();
    private static final PerType ALTERNATIVE_CAPABILITY_SET = sequenceOf(CAPABILITY_TABLE_ENTRY_NUMBER, 1, 256);

    public static final PerType CAPABILITY = choice()
            .alt("nonStandard", NON_STANDARD_PARAMETER)
            .alt("receiveVideoCapability", unsupported("receiveVideoCapability"))
            .alt("transmitVideoCapability", unsupported("transmitVideoCapability"))
            .alt("receiveAndTransmitVideoCapability", unsupported("receiveAndTransmitVideoCapability"))
            .alt("receiveAudioCapability", AUDIO_CAPABILITY).alt("transmitAudioCapability", AUDIO_CAPABILITY)
            .alt("receiveAndTransmitAudioCapability", AUDIO_CAPABILITY)
            .alt("receiveDataApplicationCapability", DATA_APPLICATION_CAPABILITY)
            .alt("transmitDataApplicationCapability", DATA_APPLICATION_CAPABILITY)
            .alt("receiveAndTransmitDataApplicationCapability", DATA_APPLICATION_CAPABILITY)
            .alt("h233EncryptionTransmitCapability", BOOLEAN)
            .alt("h233EncryptionReceiveCapability", sequence().mandatory("h233IVResponseTime", integer(0, 255)).extensible().build())
            .extensible()
            .alt("conferenceCapability", sequence().optional("nonStandardData", sequenceOf(NON_STANDARD_PARAMETER))
                    .mandatory("chairControlCapability", BOOLEAN).extensible()
                    .mandatory("videoIndicateMixingCapability", BOOLEAN)
                    .optional("multipointVisualizationCapability", BOOLEAN).build())
            .alt("h235SecurityCapability", RAW_EXTENSION)
            .alt("maxPendingReplacementFor", integer(0, 255))
            .alt("receiveUserInputCapability", USER_INPUT_CAPABILITY)
            .alt("transmitUserInputCapability", USER_INPUT_CAPABILITY)
            .alt("receiveAndTransmitUserInputCapability", USER_INPUT_CAPABILITY)
            .alt("genericControlCapability", GENERIC_CAPABILITY)
            .alt("receiveMultiplexedStreamCapability", RAW_EXTENSION)
            .alt("transmitMultiplexedStreamCapability", RAW_EXTENSION)
            .alt("receiveAndTransmitMultiplexedStreamCapability", RAW_EXTENSION)
            .alt("receiveRTPAudioTelephonyEventCapability", AUDIO_TELEPHONY_EVENT_CAPABILITY)
            .alt("receiveRTPAudioToneCapability", sequence().mandatory("dynamicRTPPayloadType", integer(96, 127)).extensible().build())
            .build();

    // H.225.0 multiplex capability
    private static final PerType MEDIA_DISTRIBUTION_CAPABILITY = sequence()
            .mandatory("centralizedControl", BOOLEAN).mandatory("distributedControl", BOOLEAN)
            .mandatory("centralizedAudio", BOOLEAN).mandatory("distributedAudio", BOOLEAN)
            .mandatory("centralizedVideo", BOOLEAN).mandatory("distributedVideo", BOOLEAN)
            .optional("centralizedData", sequenceOf(DATA_APPLICATION_CAPABILITY))
            .optional("distributedData", sequenceOf(DATA_APPLICATION_CAPABILITY)).extensible().build();
    public static final PerType MULTIPOINT_CAPABILITY = sequence()
            .mandatory("multicastCapability", BOOLEAN).mandatory("multiUniCastConference", BOOLEAN)
            .mandatory("mediaDistributionCapability", sequenceOf(MEDIA_DISTRIBUTION_CAPABILITY)).extensible().build();
    private static final PerType RTP_PAYLOAD_TYPE = sequence()
            .mandatory("payloadDescriptor", choice().alt("nonStandardIdentifier", NON_STANDARD_PARAMETER)
                    .alt("rfc-number", integer(1L, 32768L, true)).alt("oid", OBJECT_IDENTIFIER).extensible().build())
            .optional("payloadType", integer(0, 127)).extensible().build();
    private static final PerType QOS_CAPABILITY = sequence()
            .optional("nonStandardData", NON_STANDARD_PARAMETER)
            .optional("rsvpParameters", sequence().optional("qosMode", choice().alt("guaranteedQOS", NULL)
                    .alt("controlledLoad", NULL).extensible().build())
                    .optional("tokenRate", integer(1, 4294967295L)).optional("bucketSize", integer(1, 4294967295L))
                    .optional("peakRate", integer(1, 4294967295L)).optional("minPoliced", integer(1, 4294967295L))
                    .optional("maxPktSize", integer(1, 4294967295L)).extensible().build())
            .optional("atmParameters", sequence().mandatory("maxNTUSize", integer(0, 65535)).mandatory("atmUBR", BOOLEAN)
                    .mandatory("atmrtVBR", BOOLEAN).mandatory("atmnrtVBR", BOOLEAN).mandatory("atmABR", BOOLEAN)
                    .mandatory("atmCBR", BOOLEAN).extensible().build())
            .extensible()
            .optional("localQoS", BOOLEAN).unknownAddition().unknownAddition().unknownAddition().unknownAddition()
            .optional("dscpValue", integer(0, 63)).build();
    private static final PerType MEDIA_TRANSPORT_TYPE = choice()
            .alt("ip-UDP", NULL).alt("ip-TCP", NULL).alt("atm-AAL5-UNIDIR", NULL).alt("atm-AAL5-BIDIR", NULL)
            .extensible().build();
    public static final PerType TRANSPORT_CAPABILITY = sequence()
            .optional("nonStandard", NON_STANDARD_PARAMETER)
            .optional("qOSCapabilities", sequenceOf(QOS_CAPABILITY, 1, 256))
            .optional("mediaChannelCapabilities", sequenceOf(
                    sequence().optional("mediaTransport", MEDIA_TRANSPORT_TYPE).extensible().build(), 1, 256))
            .extensible().build();
    public static final PerType H2250_CAPABILITY = sequence()
            .mandatory("maximumAudioDelayJitter", integer(0, 1023))
            .mandatory("receiveMultipointCapability", MULTIPOINT_CAPABILITY)
            .mandatory("transmitMultipointCapability", MULTIPOINT_CAPABILITY)
            .mandatory("receiveAndTransmitMultipointCapability", MULTIPOINT_CAPABILITY)
            .mandatory("mcCapability", sequence().mandatory("centralizedConferenceMC", BOOLEAN)
                    .mandatory("decentralizedConferenceMC", BOOLEAN).extensible().build())
            .mandatory("rtcpVideoControlCapability", BOOLEAN)
            .mandatory("mediaPacketizationCapability", sequence().mandatory("h261aVideoPacketization", BOOLEAN)
                    .extensible().optional("rtpPayloadType", sequenceOf(RTP_PAYLOAD_TYPE, 1, 256)).build())
            .extensible()
            .optional("transportCapability", TRANSPORT_CAPABILITY)
            .unknownAddition()
            .mandatory("logicalChannelSwitchingCapability", BOOLEAN)
            .mandatory("t120DynamicPortCapability", BOOLEAN)
            .build();
    public static final PerType MULTIPLEX_CAPABILITY = choice()
            .alt("nonStandard", NON_STANDARD_PARAMETER).alt("h222Capability", unsupported("h222Capability"))
            .alt("h223Capability", unsupported("h223Capability")).alt("v76Capability", unsupported("v76Capability"))
            .extensible().alt("h2250Capability", H2250_CAPABILITY).alt("genericMultiplexCapability", GENERIC_CAPABILITY)
            .build();

    public static final PerType CAPABILITY_TABLE_ENTRY = sequence()
            .mandatory("capabilityTableEntryNumber", CAPABILITY_TABLE_ENTRY_NUMBER).optional("capability", CAPABILITY).build();
    public static final PerType CAPABILITY_DESCRIPTOR = sequence()
            .mandatory("capabilityDescriptorNumber", integer(0, 255))
            .optional("simultaneousCapabilities", sequenceOf(ALTERNATIVE_CAPABILITY_SET, 1, 256)).build();

    public static final PerType TERMINAL_CAPABILITY_SET = sequence()
            .mandatory("sequenceNumber", SEQUENCE_NUMBER).mandatory("protocolIdentifier", OBJECT_IDENTIFIER)
            .optional("multiplexCapability", MULTIPLEX_CAPABILITY)
            .optional("capabilityTable", sequenceOf(CAPABILITY_TABLE_ENTRY, 1, 256))
            .optional("capabilityDescriptors", sequenceOf(CAPABILITY_DESCRIPTOR, 1, 256))
            .extensible().optional("genericInformation", GENERIC_INFORMATION).build();
    public static final PerType TERMINAL_CAPABILITY_SET_ACK = sequence()
            .mandatory("sequenceNumber", SEQUENCE_NUMBER)
            .extensible().optional("genericInformation", GENERIC_INFORMATION).build();
    public static final PerType TERMINAL_CAPABILITY_SET_REJECT = sequence()
            .mandatory("sequenceNumber", SEQUENCE_NUMBER)
            .mandatory("cause", choice().alt("unspecified", NULL).alt("undefinedTableEntryUsed", NULL)
                    .alt("descriptorCapacityExceeded", NULL)
                    .alt("tableEntryCapacityExceeded", choice().alt("highestEntryNumberProcessed", CAPABILITY_TABLE_ENTRY_NUMBER)
                            .alt("noneProcessed", NULL).build())
                    .extensible().build())
            .extensible().optional("genericInformation", GENERIC_INFORMATION).build();
    private static final PerType TERMINAL_CAPABILITY_SET_RELEASE = sequence()
            .extensible().optional("genericInformation", GENERIC_INFORMATION).build();

    // Master/slave determination
    public static final PerType MASTER_SLAVE_DETERMINATION = sequence()
            .mandatory("terminalType", integer(0, 255)).mandatory("statusDeterminationNumber", integer(0, 16777215))
            .extensible().build();
    public static final PerType MASTER_SLAVE_DETERMINATION_ACK_DECISION = choice().alt("master", NULL).alt("slave", NULL).build();
    public static final PerType MASTER_SLAVE_DETERMINATION_ACK = sequence()
            .mandatory("decision", MASTER_SLAVE_DETERMINATION_ACK_DECISION).extensible().build();
    public static final PerType MASTER_SLAVE_DETERMINATION_REJECT = sequence()
            .mandatory("cause", choice().alt("identicalNumbers", NULL).extensible().build()).extensible().build();
    private static final PerType MASTER_SLAVE_DETERMINATION_RELEASE = sequence().extensible().build();

    // Logical channels
    public static final PerType UNICAST_ADDRESS = choice()
            .alt("iPAddress", sequence().mandatory("network", octetString(4, 4))
                    .mandatory("tsapIdentifier", integer(0, 65535)).extensible().build())
            .alt("iPXAddress", sequence().mandatory("node", octetString(6, 6)).mandatory("netnum", octetString(4, 4))
                    .mandatory("tsapIdentifier", octetString(2, 2)).extensible().build())
            .alt("iP6Address", sequence().mandatory("network", octetString(16, 16))
                    .mandatory("tsapIdentifier", integer(0, 65535)).extensible().build())
            .alt("netBios", octetString(16, 16))
            .alt("iPSourceRouteAddress", sequence()
                    .mandatory("routing", choice().alt("strict", NULL).alt("loose", NULL).build())
                    .mandatory("network", octetString(4, 4)).mandatory("tsapIdentifier", integer(0, 65535))
                    .mandatory("route", sequenceOf(octetString(4, 4))).extensible().build())
            .extensible().alt("nsap", octetString(1, 20)).alt("nonStandardAddress", NON_STANDARD_PARAMETER)
            .build();
    public static final PerType MULTICAST_ADDRESS = choice()
            .alt("iPAddress", sequence().mandatory("network", octetString(4, 4))
                    .mandatory("tsapIdentifier", integer(0, 65535)).extensible().build())
            .alt("iP6Address", sequence().mandatory("network", octetString(16, 16))
                    .mandatory("tsapIdentifier", integer(0, 65535)).extensible().build())
            .extensible().alt("nsap", octetString(1, 20)).alt("nonStandardAddress", NON_STANDARD_PARAMETER)
            .build();
    public static final PerType TRANSPORT_ADDRESS = choice()
            .alt("unicastAddress", UNICAST_ADDRESS).alt("multicastAddress", MULTICAST_ADDRESS).extensible().build();
    private static final PerType TERMINAL_LABEL = sequence()
            .mandatory("mcuNumber", integer(0, 192)).mandatory("terminalNumber", integer(0, 192)).extensible().build();

    public static final PerType DATA_TYPE = choice()
            .alt("nonStandard", NON_STANDARD_PARAMETER).alt("nullData", NULL)
            .alt("videoData", unsupported("videoData")).alt("audioData", AUDIO_CAPABILITY)
            .alt("data", DATA_APPLICATION_CAPABILITY).alt("encryptionData", unsupported("encryptionData"))
            .extensible().alt("h235Control", NON_STANDARD_PARAMETER)
            .build();
    public static final PerType H2250_LOGICAL_CHANNEL_PARAMETERS = sequence()
            .optional("nonStandard", sequenceOf(NON_STANDARD_PARAMETER)).mandatory("sessionID", integer(0, 255))
            .optional("associatedSessionID", integer(1, 255)).optional("mediaChannel", TRANSPORT_ADDRESS)
            .optional("mediaGuaranteedDelivery", BOOLEAN).optional("mediaControlChannel", TRANSPORT_ADDRESS)
            .optional("mediaControlGuaranteedDelivery", BOOLEAN).optional("silenceSuppression", BOOLEAN)
            .optional("destination", TERMINAL_LABEL).optional("dynamicRTPPayloadType", integer(96, 127))
            .optional("mediaPacketization", choice().alt("h261aVideoPacketization", NULL).extensible()
                    .alt("rtpPayloadType", RTP_PAYLOAD_TYPE).build())
            .extensible()
            .optional("transportCapability", TRANSPORT_CAPABILITY).unknownAddition()
            .optional("source", TERMINAL_LABEL)
            .build();
    public static final PerType OLC_FORWARD_MULTIPLEX = choice()
            .alt("h222LogicalChannelParameters", unsupported("h222LogicalChannelParameters"))
            .alt("h223LogicalChannelParameters", unsupported("h223LogicalChannelParameters"))
            .alt("v76LogicalChannelParameters", unsupported("v76LogicalChannelParameters"))
            .extensible().alt("h2250LogicalChannelParameters", H2250_LOGICAL_CHANNEL_PARAMETERS)
            .alt("none", NULL).build();
    public static final PerType OLC_REVERSE_MULTIPLEX = choice()
            .alt("h223LogicalChannelParameters", unsupported("h223LogicalChannelParameters"))
            .alt("v76LogicalChannelParameters", unsupported("v76LogicalChannelParameters"))
            .extensible().alt("h2250LogicalChannelParameters", H2250_LOGICAL_CHANNEL_PARAMETERS).build();
    public static final PerType OPEN_LOGICAL_CHANNEL = sequence()
            .mandatory("forwardLogicalChannelNumber", LOGICAL_CHANNEL_NUMBER)
            .mandatory("forwardLogicalChannelParameters", sequence()
                    .optional("portNumber", integer(0, 65535)).mandatory("dataType", DATA_TYPE)
                    .mandatory("multiplexParameters", OLC_FORWARD_MULTIPLEX)
                    .extensible()
                    .optional("forwardLogicalChannelDependency", LOGICAL_CHANNEL_NUMBER)
                    .optional("replacementFor", LOGICAL_CHANNEL_NUMBER).build())
            .optional("reverseLogicalChannelParameters", sequence()
                    .mandatory("dataType", DATA_TYPE)
                    .optional("multiplexParameters", OLC_REVERSE_MULTIPLEX)
                    .extensible()
                    .optional("reverseLogicalChannelDependency", LOGICAL_CHANNEL_NUMBER)
                    .optional("replacementFor", LOGICAL_CHANNEL_NUMBER).build())
            .extensible()
            .unknownAddition().unknownAddition().optional("genericInformation", GENERIC_INFORMATION)
            .build();
    public static final PerType H2250_LOGICAL_CHANNEL_ACK_PARAMETERS = sequence()
            .optional("nonStandard", sequenceOf(NON_STANDARD_PARAMETER)).optional("sessionID", integer(1, 255))
            .optional("mediaChannel", TRANSPORT_ADDRESS).optional("mediaControlChannel", TRANSPORT_ADDRESS)
            .optional("dynamicRTPPayloadType", integer(96, 127))
            .extensible().mandatory("flowControlToZero", BOOLEAN).optional("portNumber", integer(0, 65535))
            .build();
    public static final PerType OLC_ACK_MULTIPLEX = choice()
            .alt("h2250LogicalChannelAckParameters", H2250_LOGICAL_CHANNEL_ACK_PARAMETERS).extensible().build();
    public static final PerType OPEN_LOGICAL_CHANNEL_ACK = sequence()
            .mandatory("forwardLogicalChannelNumber", LOGICAL_CHANNEL_NUMBER)
            .optional("reverseLogicalChannelParameters", sequence()
                    .mandatory("reverseLogicalChannelNumber", LOGICAL_CHANNEL_NUMBER)
                    .optional("portNumber", integer(0, 65535))
                    .optional("multiplexParameters", choice()
                            .alt("h222LogicalChannelParameters", unsupported("h222LogicalChannelParameters"))
                            .extensible().alt("h2250LogicalChannelParameters", H2250_LOGICAL_CHANNEL_PARAMETERS).build())
                    .extensible().optional("replacementFor", LOGICAL_CHANNEL_NUMBER).build())
            .extensible()
            .unknownAddition()
            .optional("forwardMultiplexAckParameters", OLC_ACK_MULTIPLEX)
            .unknownAddition().optional("genericInformation", GENERIC_INFORMATION)
            .build();
    public static final PerType OLC_REJECT_CAUSE = choice().alt("unspecified", NULL).alt("unsuitableReverseParameters", NULL)
            .alt("dataTypeNotSupported", NULL).alt("dataTypeNotAvailable", NULL).alt("unknownDataType", NULL)
            .alt("dataTypeALCombinationNotSupported", NULL).extensible().build();
    public static final PerType OPEN_LOGICAL_CHANNEL_REJECT = sequence()
            .mandatory("forwardLogicalChannelNumber", LOGICAL_CHANNEL_NUMBER)
            .mandatory("cause", OLC_REJECT_CAUSE)
            .extensible().optional("genericInformation", GENERIC_INFORMATION).build();
    private static final PerType OPEN_LOGICAL_CHANNEL_CONFIRM = sequence()
            .mandatory("forwardLogicalChannelNumber", LOGICAL_CHANNEL_NUMBER)
            .extensible().optional("genericInformation", GENERIC_INFORMATION).build();
    public static final PerType CLC_SOURCE = choice().alt("user", NULL).alt("lcse", NULL).build();
    public static final PerType CLOSE_LOGICAL_CHANNEL = sequence()
            .mandatory("forwardLogicalChannelNumber", LOGICAL_CHANNEL_NUMBER)
            .mandatory("source", CLC_SOURCE)
            .extensible()
            .mandatory("reason", choice().alt("unknown", NULL).alt("reopen", NULL).alt("reservationFailure", NULL)
                    .extensible().build())
            .build();
    public static final PerType CLOSE_LOGICAL_CHANNEL_ACK = sequence()
            .mandatory("forwardLogicalChannelNumber", LOGICAL_CHANNEL_NUMBER).extensible().build();
    private static final PerType REQUEST_CHANNEL_CLOSE = sequence()
            .mandatory("forwardLogicalChannelNumber", LOGICAL_CHANNEL_NUMBER).extensible().build();
    private static final PerType REQUEST_CHANNEL_CLOSE_ACK = CLOSE_LOGICAL_CHANNEL_ACK;
    private static final PerType REQUEST_CHANNEL_CLOSE_REJECT = sequence()
            .mandatory("forwardLogicalChannelNumber", LOGICAL_CHANNEL_NUMBER)
            .mandatory("cause", choice().alt("unspecified", NULL).extensible().build()).extensible().build();

    public static final PerType ROUND_TRIP_DELAY = sequence().mandatory("sequenceNumber", SEQUENCE_NUMBER).extensible().build();

    public static final PerType END_SESSION_COMMAND = choice()
            .alt("nonStandard", NON_STANDARD_PARAMETER).alt("disconnect", NULL)
            .alt("gstnOptions", choice().alt("telephonyMode", NULL).alt("v8bis", NULL).alt("v34DSVD", NULL)
                    .alt("v34DuplexFAX", NULL).alt("v34H324", NULL).extensible().build())
            .extensible().build();

    public static final PerType USER_INPUT_INDICATION = choice()
            .alt("nonStandard", NON_STANDARD_PARAMETER).alt("alphanumeric", GENERAL_STRING)
            .extensible()
            .alt("userInputSupportIndication", choice().alt("nonStandard", NON_STANDARD_PARAMETER)
                    .alt("basicString", NULL).alt("iA5String", NULL).alt("generalString", NULL).extensible().build())
            .alt("signal", sequence()
                    .mandatory("signalType", ia5String(1, 1, "0123456789#*ABCD!"))
                    .optional("duration", integer(1, 65535))
                    .optional("rtp", sequence().optional("timestamp", integer(0, 4294967295L))
                            .optional("expirationTime", integer(0, 4294967295L))
                            .mandatory("logicalChannelNumber", LOGICAL_CHANNEL_NUMBER).extensible().build())
                    .extensible().optional("rtpPayloadIndication", NULL).build())
            .alt("signalUpdate", sequence().mandatory("duration", integer(1, 65535))
                    .optional("rtp", sequence().mandatory("logicalChannelNumber", LOGICAL_CHANNEL_NUMBER).extensible().build())
                    .extensible().build())
            .alt("extendedAlphanumeric", sequence().mandatory("alphanumeric", GENERAL_STRING)
                    .optional("rtpPayloadIndication", NULL).extensible().build())
            .build();

    private static final PerType FUNCTION_NOT_SUPPORTED = sequence()
            .mandatory("cause", choice().alt("syntaxError", NULL).alt("semanticError", NULL).alt("unknownFunction", NULL)
                    .extensible().build())
            .optional("returnedFunction", OCTET_STRING).extensible().build();

    public static final PerType REQUEST_MESSAGE = choice()
            .alt("nonStandard", NON_STANDARD_MESSAGE).alt("masterSlaveDetermination", MASTER_SLAVE_DETERMINATION)
            .alt("terminalCapabilitySet", TERMINAL_CAPABILITY_SET).alt("openLogicalChannel", OPEN_LOGICAL_CHANNEL)
            .alt("closeLogicalChannel", CLOSE_LOGICAL_CHANNEL).alt("requestChannelClose", REQUEST_CHANNEL_CLOSE)
            .alt("multiplexEntrySend", unsupported("multiplexEntrySend"))
            .alt("requestMultiplexEntry", unsupported("requestMultiplexEntry"))
            .alt("requestMode", unsupported("requestMode")).alt("roundTripDelayRequest", ROUND_TRIP_DELAY)
            .alt("maintenanceLoopRequest", unsupported("maintenanceLoopRequest"))
            .extensible().build();
    public static final PerType RESPONSE_MESSAGE = choice()
            .alt("nonStandard", NON_STANDARD_MESSAGE).alt("masterSlaveDeterminationAck", MASTER_SLAVE_DETERMINATION_ACK)
            .alt("masterSlaveDeterminationReject", MASTER_SLAVE_DETERMINATION_REJECT)
            .alt("terminalCapabilitySetAck", TERMINAL_CAPABILITY_SET_ACK)
            .alt("terminalCapabilitySetReject", TERMINAL_CAPABILITY_SET_REJECT)
            .alt("openLogicalChannelAck", OPEN_LOGICAL_CHANNEL_ACK).alt("openLogicalChannelReject", OPEN_LOGICAL_CHANNEL_REJECT)
            .alt("closeLogicalChannelAck", CLOSE_LOGICAL_CHANNEL_ACK).alt("requestChannelCloseAck", REQUEST_CHANNEL_CLOSE_ACK)
            .alt("requestChannelCloseReject", REQUEST_CHANNEL_CLOSE_REJECT)
            .alt("multiplexEntrySendAck", unsupported("multiplexEntrySendAck"))
            .alt("multiplexEntrySendReject", unsupported("multiplexEntrySendReject"))
            .alt("requestMultiplexEntryAck", unsupported("requestMultiplexEntryAck"))
            .alt("requestMultiplexEntryReject", unsupported("requestMultiplexEntryReject"))
            .alt("requestModeAck", unsupported("requestModeAck")).alt("requestModeReject", unsupported("requestModeReject"))
            .alt("roundTripDelayResponse", ROUND_TRIP_DELAY)
            .alt("maintenanceLoopAck", unsupported("maintenanceLoopAck"))
            .alt("maintenanceLoopReject", unsupported("maintenanceLoopReject"))
            .extensible().build();
    public static final PerType COMMAND_MESSAGE = choice()
            .alt("nonStandard", NON_STANDARD_MESSAGE)
            .alt("maintenanceLoopOffCommand", unsupported("maintenanceLoopOffCommand"))
            .alt("sendTerminalCapabilitySet", unsupported("sendTerminalCapabilitySet"))
            .alt("encryptionCommand", unsupported("encryptionCommand"))
            .alt("flowControlCommand", unsupported("flowControlCommand"))
            .alt("endSessionCommand", END_SESSION_COMMAND)
            .alt("miscellaneousCommand", unsupported("miscellaneousCommand"))
            .extensible().build();
    public static final PerType INDICATION_MESSAGE = choice()
            .alt("nonStandard", NON_STANDARD_MESSAGE)
            .alt("functionNotUnderstood", unsupported("functionNotUnderstood"))
            .alt("masterSlaveDeterminationRelease", MASTER_SLAVE_DETERMINATION_RELEASE)
            .alt("terminalCapabilitySetRelease", TERMINAL_CAPABILITY_SET_RELEASE)
            .alt("openLogicalChannelConfirm", OPEN_LOGICAL_CHANNEL_CONFIRM)
            .alt("requestChannelCloseRelease", CLOSE_LOGICAL_CHANNEL_ACK)
            .alt("multiplexEntrySendRelease", unsupported("multiplexEntrySendRelease"))
            .alt("requestMultiplexEntryRelease", unsupported("requestMultiplexEntryRelease"))
            .alt("requestModeRelease", sequence().extensible().build())
            .alt("miscellaneousIndication", unsupported("miscellaneousIndication"))
            .alt("jitterIndication", unsupported("jitterIndication"))
            .alt("h223SkewIndication", unsupported("h223SkewIndication"))
            .alt("newATMVCIndication", unsupported("newATMVCIndication"))
            .alt("userInput", USER_INPUT_INDICATION)
            .extensible()
            .alt("h2250MaximumSkewIndication", sequence().mandatory("logicalChannelNumber1", LOGICAL_CHANNEL_NUMBER)
                    .mandatory("logicalChannelNumber2", LOGICAL_CHANNEL_NUMBER).mandatory("maximumSkew", integer(0, 4095))
                    .extensible().build())
            .alt("mcLocationIndication", sequence().mandatory("signalAddress", TRANSPORT_ADDRESS).extensible().build())
            .alt("conferenceIndication", RAW_EXTENSION)
            .alt("vendorIdentification", sequence().mandatory("vendor", NON_STANDARD_IDENTIFIER)
                    .optional("productNumber", octetString(1, 256)).optional("versionNumber", octetString(1, 256))
                    .extensible().build())
            .alt("functionNotSupported", FUNCTION_NOT_SUPPORTED)
            .build();

    public static final PerType MULTIMEDIA_SYSTEM_CONTROL_MESSAGE = choice()
            .alt("request", REQUEST_MESSAGE).alt("response", RESPONSE_MESSAGE)
            .alt("command", COMMAND_MESSAGE).alt("indication", INDICATION_MESSAGE)
            .extensible().build();
}
