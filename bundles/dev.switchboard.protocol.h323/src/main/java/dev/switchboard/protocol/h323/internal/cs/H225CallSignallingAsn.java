package dev.switchboard.protocol.h323.internal.cs;

import static dev.switchboard.protocol.h323.internal.per.Asn.BOOLEAN;
import static dev.switchboard.protocol.h323.internal.per.Asn.NULL;
import static dev.switchboard.protocol.h323.internal.per.Asn.OBJECT_IDENTIFIER;
import static dev.switchboard.protocol.h323.internal.per.Asn.OCTET_STRING;
import static dev.switchboard.protocol.h323.internal.per.Asn.choice;
import static dev.switchboard.protocol.h323.internal.per.Asn.enumerated;
import static dev.switchboard.protocol.h323.internal.per.Asn.bmpString;
import static dev.switchboard.protocol.h323.internal.per.Asn.ia5String;
import static dev.switchboard.protocol.h323.internal.per.Asn.integer;
import static dev.switchboard.protocol.h323.internal.per.Asn.octetString;
import static dev.switchboard.protocol.h323.internal.per.Asn.sequence;
import static dev.switchboard.protocol.h323.internal.per.Asn.sequenceOf;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.ALIASES;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.ALIAS_ADDRESS;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.CALL_CAPACITY;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.CALL_IDENTIFIER;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.CALL_LINKAGE;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.CALL_TYPE;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.CIRCUIT_INFO;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.CLEAR_TOKENS;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.CRYPTO_TOKENS;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.ENDPOINT_IDENTIFIER;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.ENDPOINT_TYPE;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.FEATURE_DESCRIPTORS;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.FEATURE_SET;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.GENERIC_DATA_LIST;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.GLOBALLY_UNIQUE_ID;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.NON_STANDARD_PARAMETER;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.QSERIES_OPTIONS;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.RELEASE_COMPLETE_REASON;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.SERVICE_CONTROL;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.SUPPORTED_PROTOCOLS;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.TRANSPORT_ADDRESS;
import static dev.switchboard.protocol.h323.internal.ras.H225Asn.TUNNELLED_PROTOCOL;

import dev.switchboard.protocol.h323.internal.per.PerType;

/**
 * H323-UserInformation, the PER-encoded contents of the Q.931 user-user information element
 * (H.225.0 v7 module H323-MESSAGES, call signalling part). fastStart, h245Control and
 * parallelH245Control carry H.245 PDUs as OCTET STRINGs, so this schema needs no H.245 types.
 */
public final class H225CallSignallingAsn {
    private H225CallSignallingAsn() {
    }

    private static final PerType OCTET_STRINGS = sequenceOf(OCTET_STRING);
    public static final PerType PRESENTATION_INDICATOR = choice().alt("presentationAllowed", NULL)
            .alt("presentationRestricted", NULL).alt("addressNotAvailable", NULL).extensible().build();
    public static final PerType SCREENING_INDICATOR = enumerated(4, true);
    public static final PerType DISPLAY_NAMES = sequenceOf(sequence()
            .optional("language", ia5String(0, Long.MAX_VALUE, null)).mandatory("name", bmpString(1, 80)).build());
    private static final PerType SECURITY_SERVICE_MODE = choice().alt("nonStandard", NON_STANDARD_PARAMETER)
            .alt("none", NULL).alt("default", NULL).extensible().build();
    private static final PerType SECURITY_CAPABILITIES = sequence().optional("nonStandard", NON_STANDARD_PARAMETER)
            .mandatory("encryption", SECURITY_SERVICE_MODE).mandatory("authenticaton", SECURITY_SERVICE_MODE)
            .mandatory("integrity", SECURITY_SERVICE_MODE).extensible().build();
    public static final PerType H245_SECURITY = choice().alt("nonStandard", NON_STANDARD_PARAMETER)
            .alt("noSecurity", NULL).alt("tls", SECURITY_CAPABILITIES).alt("ipsec", SECURITY_CAPABILITIES)
            .extensible().build();

    public static final PerType ALERTING = sequence()
            .mandatory("protocolIdentifier", OBJECT_IDENTIFIER).mandatory("destinationInfo", ENDPOINT_TYPE)
            .optional("h245Address", TRANSPORT_ADDRESS)
            .extensible()
            .mandatory("callIdentifier", CALL_IDENTIFIER).optional("h245SecurityMode", H245_SECURITY)
            .optional("tokens", CLEAR_TOKENS).optional("cryptoTokens", CRYPTO_TOKENS)
            .optional("fastStart", OCTET_STRINGS).mandatory("multipleCalls", BOOLEAN)
            .mandatory("maintainConnection", BOOLEAN).optional("alertingAddress", ALIASES)
            .optional("presentationIndicator", PRESENTATION_INDICATOR)
            .optional("screeningIndicator", SCREENING_INDICATOR).optional("fastConnectRefused", NULL)
            .optional("serviceControl", SERVICE_CONTROL).optional("capacity", CALL_CAPACITY)
            .optional("featureSet", FEATURE_SET).optional("displayName", DISPLAY_NAMES)
            .build();
    public static final PerType CALL_PROCEEDING = sequence()
            .mandatory("protocolIdentifier", OBJECT_IDENTIFIER).mandatory("destinationInfo", ENDPOINT_TYPE)
            .optional("h245Address", TRANSPORT_ADDRESS)
            .extensible()
            .mandatory("callIdentifier", CALL_IDENTIFIER).optional("h245SecurityMode", H245_SECURITY)
            .optional("tokens", CLEAR_TOKENS).optional("cryptoTokens", CRYPTO_TOKENS)
            .optional("fastStart", OCTET_STRINGS).mandatory("multipleCalls", BOOLEAN)
            .mandatory("maintainConnection", BOOLEAN).optional("fastConnectRefused", NULL)
            .optional("featureSet", FEATURE_SET)
            .build();
    public static final PerType CONNECT = sequence()
            .mandatory("protocolIdentifier", OBJECT_IDENTIFIER).optional("h245Address", TRANSPORT_ADDRESS)
            .mandatory("destinationInfo", ENDPOINT_TYPE).mandatory("conferenceID", GLOBALLY_UNIQUE_ID)
            .extensible()
            .mandatory("callIdentifier", CALL_IDENTIFIER).optional("h245SecurityMode", H245_SECURITY)
            .optional("tokens", CLEAR_TOKENS).optional("cryptoTokens", CRYPTO_TOKENS)
            .optional("fastStart", OCTET_STRINGS).mandatory("multipleCalls", BOOLEAN)
            .mandatory("maintainConnection", BOOLEAN).optional("language", sequenceOf(ia5String(1, 32, null)))
            .optional("connectedAddress", ALIASES).optional("presentationIndicator", PRESENTATION_INDICATOR)
            .optional("screeningIndicator", SCREENING_INDICATOR).optional("fastConnectRefused", NULL)
            .optional("serviceControl", SERVICE_CONTROL).optional("capacity", CALL_CAPACITY)
            .optional("featureSet", FEATURE_SET).optional("displayName", DISPLAY_NAMES)
            .build();
    public static final PerType INFORMATION = sequence()
            .mandatory("protocolIdentifier", OBJECT_IDENTIFIER)
            .extensible()
            .mandatory("callIdentifier", CALL_IDENTIFIER).optional("tokens", CLEAR_TOKENS)
            .optional("cryptoTokens", CRYPTO_TOKENS).optional("fastStart", OCTET_STRINGS)
            .optional("fastConnectRefused", NULL).optional("circuitInfo", CIRCUIT_INFO)
            .build();
    public static final PerType RELEASE_COMPLETE = sequence()
            .mandatory("protocolIdentifier", OBJECT_IDENTIFIER).optional("reason", RELEASE_COMPLETE_REASON)
            .extensible()
            .mandatory("callIdentifier", CALL_IDENTIFIER).optional("tokens", CLEAR_TOKENS)
            .optional("cryptoTokens", CRYPTO_TOKENS).optional("busyAddress", ALIASES)
            .optional("presentationIndicator", PRESENTATION_INDICATOR)
            .optional("screeningIndicator", SCREENING_INDICATOR).optional("capacity", CALL_CAPACITY)
            .optional("serviceControl", SERVICE_CONTROL).optional("featureSet", FEATURE_SET)
            .optional("destinationInfo", ENDPOINT_TYPE).optional("displayName", DISPLAY_NAMES)
            .build();
    public static final PerType CONFERENCE_GOAL = choice().alt("create", NULL).alt("join", NULL).alt("invite", NULL)
            .extensible().alt("capability-negotiation", NULL).alt("callIndependentSupplementaryService", NULL)
            .build();
    public static final PerType SETUP = sequence()
            .mandatory("protocolIdentifier", OBJECT_IDENTIFIER).optional("h245Address", TRANSPORT_ADDRESS)
            .optional("sourceAddress", ALIASES).mandatory("sourceInfo", ENDPOINT_TYPE)
            .optional("destinationAddress", ALIASES).optional("destCallSignalAddress", TRANSPORT_ADDRESS)
            .optional("destExtraCallInfo", ALIASES).optional("destExtraCRV", sequenceOf(integer(0, 65535)))
            .mandatory("activeMC", BOOLEAN).mandatory("conferenceID", GLOBALLY_UNIQUE_ID)
            .mandatory("conferenceGoal", CONFERENCE_GOAL)
            .optional("callServices", QSERIES_OPTIONS).mandatory("callType", CALL_TYPE)
            .extensible()
            .optional("sourceCallSignalAddress", TRANSPORT_ADDRESS).optional("remoteExtensionAddress", ALIAS_ADDRESS)
            .mandatory("callIdentifier", CALL_IDENTIFIER).optional("h245SecurityCapability", sequenceOf(H245_SECURITY))
            .optional("tokens", CLEAR_TOKENS).optional("cryptoTokens", CRYPTO_TOKENS)
            .optional("fastStart", OCTET_STRINGS).mandatory("mediaWaitForConnect", BOOLEAN)
            .mandatory("canOverlapSend", BOOLEAN).optional("endpointIdentifier", ENDPOINT_IDENTIFIER)
            .mandatory("multipleCalls", BOOLEAN).mandatory("maintainConnection", BOOLEAN)
            .optional("connectionParameters", sequence()
                    .mandatory("connectionType", choice().alt("unknown", NULL).alt("bChannel", NULL)
                            .alt("hybrid2x64", NULL).alt("hybrid384", NULL).alt("hybrid1536", NULL)
                            .alt("hybrid1920", NULL).alt("multirate", NULL).extensible().build())
                    .mandatory("numberOfScnConnections", integer(0, 65535))
                    .mandatory("connectionAggregation", choice().alt("auto", NULL).alt("none", NULL).alt("h221", NULL)
                            .alt("bonded-mode1", NULL).alt("bonded-mode2", NULL).alt("bonded-mode3", NULL)
                            .extensible().build())
                    .extensible().build())
            .optional("language", sequenceOf(ia5String(1, 32, null)))
            .optional("presentationIndicator", PRESENTATION_INDICATOR)
            .optional("screeningIndicator", SCREENING_INDICATOR).optional("serviceControl", SERVICE_CONTROL)
            .optional("symmetricOperationRequired", NULL).optional("capacity", CALL_CAPACITY)
            .optional("circuitInfo", CIRCUIT_INFO).optional("desiredProtocols", sequenceOf(SUPPORTED_PROTOCOLS))
            .optional("neededFeatures", FEATURE_DESCRIPTORS).optional("desiredFeatures", FEATURE_DESCRIPTORS)
            .optional("supportedFeatures", FEATURE_DESCRIPTORS).optional("parallelH245Control", OCTET_STRINGS)
            .optional("additionalSourceAddresses", sequenceOf(sequence().mandatory("address", ALIAS_ADDRESS)
                    .optional("presentationIndicator", PRESENTATION_INDICATOR)
                    .optional("screeningIndicator", SCREENING_INDICATOR).extensible().build()))
            .optional("hopCount", integer(1, 31)).optional("displayName", DISPLAY_NAMES)
            .build();
    public static final PerType FACILITY_REASON = choice()
            .alt("routeCallToGatekeeper", NULL).alt("callForwarded", NULL).alt("routeCallToMC", NULL)
            .alt("undefinedReason", NULL).extensible()
            .alt("conferenceListChoice", NULL).alt("startH245", NULL).alt("noH245", NULL).alt("newTokens", NULL)
            .alt("featureSetUpdate", NULL).alt("forwardedElements", NULL).alt("transportedInformation", NULL)
            .build();
    public static final PerType FACILITY = sequence()
            .mandatory("protocolIdentifier", OBJECT_IDENTIFIER).optional("alternativeAddress", TRANSPORT_ADDRESS)
            .optional("alternativeAliasAddress", ALIASES).optional("conferenceID", GLOBALLY_UNIQUE_ID)
            .mandatory("reason", FACILITY_REASON)
            .extensible()
            .mandatory("callIdentifier", CALL_IDENTIFIER).optional("destExtraCallInfo", ALIASES)
            .optional("remoteExtensionAddress", ALIAS_ADDRESS).optional("tokens", CLEAR_TOKENS)
            .optional("cryptoTokens", CRYPTO_TOKENS)
            .optional("conferences", sequenceOf(sequence().optional("conferenceID", GLOBALLY_UNIQUE_ID)
                    .optional("conferenceAlias", ALIAS_ADDRESS).optional("nonStandardData", NON_STANDARD_PARAMETER)
                    .extensible().build()))
            .optional("h245Address", TRANSPORT_ADDRESS).optional("fastStart", OCTET_STRINGS)
            .mandatory("multipleCalls", BOOLEAN).mandatory("maintainConnection", BOOLEAN)
            .optional("fastConnectRefused", NULL).optional("serviceControl", SERVICE_CONTROL)
            .optional("circuitInfo", CIRCUIT_INFO).optional("featureSet", FEATURE_SET)
            .optional("destinationInfo", ENDPOINT_TYPE).optional("h245SecurityMode", H245_SECURITY)
            .build();
    public static final PerType PROGRESS = sequence()
            .mandatory("protocolIdentifier", OBJECT_IDENTIFIER).mandatory("destinationInfo", ENDPOINT_TYPE)
            .optional("h245Address", TRANSPORT_ADDRESS).mandatory("callIdentifier", CALL_IDENTIFIER)
            .optional("h245SecurityMode", H245_SECURITY).optional("tokens", CLEAR_TOKENS)
            .optional("cryptoTokens", CRYPTO_TOKENS).optional("fastStart", OCTET_STRINGS)
            .extensible()
            .mandatory("multipleCalls", BOOLEAN).mandatory("maintainConnection", BOOLEAN)
            .optional("fastConnectRefused", NULL)
            .build();
    /** Status, StatusInquiry and SetupAcknowledge share this shape. */
    private static final PerType STATUS_LIKE = sequence()
            .mandatory("protocolIdentifier", OBJECT_IDENTIFIER).mandatory("callIdentifier", CALL_IDENTIFIER)
            .optional("tokens", CLEAR_TOKENS).optional("cryptoTokens", CRYPTO_TOKENS).extensible().build();
    public static final PerType NOTIFY = sequence()
            .mandatory("protocolIdentifier", OBJECT_IDENTIFIER).mandatory("callIdentifier", CALL_IDENTIFIER)
            .optional("tokens", CLEAR_TOKENS).optional("cryptoTokens", CRYPTO_TOKENS)
            .extensible()
            .optional("connectedAddress", ALIASES).optional("presentationIndicator", PRESENTATION_INDICATOR)
            .optional("screeningIndicator", SCREENING_INDICATOR).optional("destinationInfo", ENDPOINT_TYPE)
            .optional("displayName", DISPLAY_NAMES)
            .build();

    public static final PerType H323_UU_PDU_BODY = choice()
            .alt("setup", SETUP).alt("callProceeding", CALL_PROCEEDING).alt("connect", CONNECT)
            .alt("alerting", ALERTING).alt("information", INFORMATION).alt("releaseComplete", RELEASE_COMPLETE)
            .alt("facility", FACILITY)
            .extensible()
            .alt("progress", PROGRESS).alt("empty", NULL).alt("status", STATUS_LIKE)
            .alt("statusInquiry", STATUS_LIKE).alt("setupAcknowledge", STATUS_LIKE).alt("notify", NOTIFY)
            .build();
    public static final PerType H323_UU_PDU = sequence()
            .mandatory("h323-message-body", H323_UU_PDU_BODY)
            .optional("nonStandardData", NON_STANDARD_PARAMETER)
            .extensible()
            .optional("h4501SupplementaryService", OCTET_STRINGS)
            .mandatory("h245Tunnelling", BOOLEAN)
            .optional("h245Control", OCTET_STRINGS)
            .optional("nonStandardControl", sequenceOf(NON_STANDARD_PARAMETER))
            .optional("callLinkage", CALL_LINKAGE)
            .optional("tunnelledSignallingMessage", sequence().mandatory("tunnelledProtocolID", TUNNELLED_PROTOCOL)
                    .mandatory("messageContent", OCTET_STRINGS).optional("tunnellingRequired", NULL)
                    .optional("nonStandardData", NON_STANDARD_PARAMETER).extensible().build())
            .optional("provisionalRespToH245Tunnelling", NULL)
            .optional("stimulusControl", sequence().optional("nonStandard", NON_STANDARD_PARAMETER)
                    .optional("isText", NULL).optional("h248Message", OCTET_STRING).extensible().build())
            .optional("genericData", GENERIC_DATA_LIST)
            .build();

    public static final PerType H323_USER_INFORMATION = sequence()
            .mandatory("h323-uu-pdu", H323_UU_PDU)
            .optional("user-data", sequence().mandatory("protocol-discriminator", integer(0, 255))
                    .mandatory("user-information", octetString(1, 131)).extensible().build())
            .extensible()
            .build();
}
