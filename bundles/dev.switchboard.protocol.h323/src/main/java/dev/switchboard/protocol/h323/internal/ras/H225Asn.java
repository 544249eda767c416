package dev.switchboard.protocol.h323.internal.ras;

import static dev.switchboard.protocol.h323.internal.per.Asn.BIT_STRING;
import static dev.switchboard.protocol.h323.internal.per.Asn.BOOLEAN;
import static dev.switchboard.protocol.h323.internal.per.Asn.NULL;
import static dev.switchboard.protocol.h323.internal.per.Asn.OBJECT_IDENTIFIER;
import static dev.switchboard.protocol.h323.internal.per.Asn.OCTET_STRING;
import static dev.switchboard.protocol.h323.internal.per.Asn.OPEN_TYPE;
import static dev.switchboard.protocol.h323.internal.per.Asn.PRINTABLE_STRING;
import static dev.switchboard.protocol.h323.internal.per.Asn.UNCONSTRAINED_INTEGER;
import static dev.switchboard.protocol.h323.internal.per.Asn.bitString;
import static dev.switchboard.protocol.h323.internal.per.Asn.bmpString;
import static dev.switchboard.protocol.h323.internal.per.Asn.choice;
import static dev.switchboard.protocol.h323.internal.per.Asn.enumerated;
import static dev.switchboard.protocol.h323.internal.per.Asn.ia5String;
import static dev.switchboard.protocol.h323.internal.per.Asn.integer;
import static dev.switchboard.protocol.h323.internal.per.Asn.lazy;
import static dev.switchboard.protocol.h323.internal.per.Asn.octetString;
import static dev.switchboard.protocol.h323.internal.per.Asn.sequence;
import static dev.switchboard.protocol.h323.internal.per.Asn.sequenceOf;

import dev.switchboard.protocol.h323.internal.per.Asn;
import dev.switchboard.protocol.h323.internal.per.PerType;

/**
 * The H.225.0 RAS message types (module H323-MESSAGES, H.225.0 v7 12/2009) and the H.235
 * security types they use (H235-SECURITY-MESSAGES), transcribed from the recommendations' ASN.1.
 * Extension additions that are only meaningful with H.245 QoS or H.460 annexes we do not implement
 * are reserved with {@code unknownAddition()} or left off the end: they are skipped on decode and
 * re-encoded byte for byte from what was received.
 */
public final class H225Asn {
    private H225Asn() {
    }

    private static final long MAX = Long.MAX_VALUE;
    private static final String DIGITS = "0123456789#*,";

    // ---- H.235 ----
    public static final PerType TIME_STAMP = integer(1, 4294967295L);
    public static final PerType IDENTIFIER = bmpString(1, 128);
    public static final PerType H235_NON_STANDARD_PARAMETER = sequence()
            .mandatory("nonStandardIdentifier", OBJECT_IDENTIFIER).mandatory("data", OCTET_STRING).build();
    public static final PerType DH_SET = sequence()
            .mandatory("halfkey", bitString(0, 2048)).mandatory("modSize", bitString(0, 2048))
            .mandatory("generator", bitString(0, 2048)).extensible().build();
    public static final PerType TYPED_CERTIFICATE = sequence()
            .mandatory("type", OBJECT_IDENTIFIER).mandatory("certificate", OCTET_STRING).extensible().build();
    public static final PerType AUTHENTICATION_BES = choice().alt("default", NULL).alt("radius", NULL).extensible().build();
    public static final PerType AUTHENTICATION_MECHANISM = choice()
            .alt("dhExch", NULL).alt("pwdSymEnc", NULL).alt("pwdHash", NULL).alt("certSign", NULL)
            .alt("ipsec", NULL).alt("tls", NULL).alt("nonStandard", H235_NON_STANDARD_PARAMETER).extensible()
            .alt("authenticationBES", AUTHENTICATION_BES).alt("keyExch", OBJECT_IDENTIFIER).build();
    public static final PerType CLEAR_TOKEN = sequence()
            .mandatory("tokenOID", OBJECT_IDENTIFIER)
            .optional("timeStamp", TIME_STAMP)
            .optional("password", bmpString(1, 128))
            .optional("dhkey", DH_SET)
            .optional("challenge", octetString(8, 128))
            .optional("random", UNCONSTRAINED_INTEGER)
            .optional("certificate", TYPED_CERTIFICATE)
            .optional("generalID", IDENTIFIER)
            .optional("nonStandard", H235_NON_STANDARD_PARAMETER)
            .extensible()
            .unknownAddition() // eckasdhkey
            .optional("sendersID", IDENTIFIER)
            .build(); // h235Key, profileInfo, dhkeyext follow: kept raw
    public static final PerType PARAMS = sequence()
            .optional("ranInt", UNCONSTRAINED_INTEGER).optional("iv8", octetString(8, 8)).extensible()
            .optional("iv16", octetString(16, 16)).optional("iv", OCTET_STRING).optional("clearSalt", OCTET_STRING)
            .build();
    /** SIGNED{ToBeSigned}: the signed value is an open type (TYPE-IDENTIFIER.&amp;Type), kept raw. */
    public static final PerType SIGNED = sequence()
            .mandatory("toBeSigned", OPEN_TYPE).mandatory("algorithmOID", OBJECT_IDENTIFIER)
            .mandatory("paramS", PARAMS).mandatory("signature", BIT_STRING).build();
    public static final PerType ENCRYPTED = sequence()
            .mandatory("algorithmOID", OBJECT_IDENTIFIER).mandatory("paramS", PARAMS)
            .mandatory("encryptedData", OCTET_STRING).build();
    public static final PerType HASHED = sequence()
            .mandatory("algorithmOID", OBJECT_IDENTIFIER).mandatory("paramS", PARAMS)
            .mandatory("hash", BIT_STRING).build();
    public static final PerType CRYPTO_TOKEN = choice()
            .alt("cryptoEncryptedToken", sequence().mandatory("tokenOID", OBJECT_IDENTIFIER).mandatory("token", ENCRYPTED).build())
            .alt("cryptoSignedToken", sequence().mandatory("tokenOID", OBJECT_IDENTIFIER).mandatory("token", SIGNED).build())
            .alt("cryptoHashedToken", sequence().mandatory("tokenOID", OBJECT_IDENTIFIER)
                    .mandatory("hashedVals", CLEAR_TOKEN).mandatory("token", HASHED).build())
            .alt("cryptoPwdEncr", ENCRYPTED)
            .extensible().build();

    // ---- H.225.0 common elements ----
    public static final PerType H221_NON_STANDARD = sequence()
            .mandatory("t35CountryCode", integer(0, 255)).mandatory("t35Extension", integer(0, 255))
            .mandatory("manufacturerCode", integer(0, 65535)).extensible().build();
    public static final PerType NON_STANDARD_IDENTIFIER = choice()
            .alt("object", OBJECT_IDENTIFIER).alt("h221NonStandard", H221_NON_STANDARD).extensible().build();
    public static final PerType NON_STANDARD_PARAMETER = sequence()
            .mandatory("nonStandardIdentifier", NON_STANDARD_IDENTIFIER).mandatory("data", OCTET_STRING).build();
    public static final PerType TRANSPORT_ADDRESS = choice()
            .alt("ipAddress", sequence().mandatory("ip", octetString(4, 4)).mandatory("port", integer(0, 65535)).build())
            .alt("ipSourceRoute", sequence().mandatory("ip", octetString(4, 4)).mandatory("port", integer(0, 65535))
                    .mandatory("route", sequenceOf(octetString(4, 4)))
                    .mandatory("routing", choice().alt("strict", NULL).alt("loose", NULL).extensible().build())
                    .extensible().build())
            .alt("ipxAddress", sequence().mandatory("node", octetString(6, 6)).mandatory("netnum", octetString(4, 4))
                    .mandatory("port", octetString(2, 2)).build())
            .alt("ip6Address", sequence().mandatory("ip", octetString(16, 16)).mandatory("port", integer(0, 65535))
                    .extensible().build())
            .alt("netBios", octetString(16, 16))
            .alt("nsap", octetString(1, 20))
            .alt("nonStandardAddress", NON_STANDARD_PARAMETER)
            .extensible().build();
    public static final PerType NUMBER_DIGITS = ia5String(1, 128, DIGITS);
    public static final PerType PUBLIC_TYPE_OF_NUMBER = choice().alt("unknown", NULL).alt("internationalNumber", NULL)
            .alt("nationalNumber", NULL).alt("networkSpecificNumber", NULL).alt("subscriberNumber", NULL)
            .alt("abbreviatedNumber", NULL).extensible().build();
    public static final PerType PRIVATE_TYPE_OF_NUMBER = choice().alt("unknown", NULL).alt("level2RegionalNumber", NULL)
            .alt("level1RegionalNumber", NULL).alt("pISNSpecificNumber", NULL).alt("localNumber", NULL)
            .alt("abbreviatedNumber", NULL).extensible().build();
    public static final PerType PARTY_NUMBER = choice()
            .alt("e164Number", sequence().mandatory("publicTypeOfNumber", PUBLIC_TYPE_OF_NUMBER)
                    .mandatory("publicNumberDigits", NUMBER_DIGITS).build())
            .alt("dataPartyNumber", NUMBER_DIGITS).alt("telexPartyNumber", NUMBER_DIGITS)
            .alt("privateNumber", sequence().mandatory("privateTypeOfNumber", PRIVATE_TYPE_OF_NUMBER)
                    .mandatory("privateNumberDigits", NUMBER_DIGITS).build())
            .alt("nationalStandardPartyNumber", NUMBER_DIGITS)
            .extensible().build();
    public static final PerType ALIAS_ADDRESS = choice()
            .alt("dialledDigits", NUMBER_DIGITS)
            .alt("h323-ID", bmpString(1, 256))
            .extensible()
            .alt("url-ID", ia5String(1, 512, null))
            .alt("transportID", TRANSPORT_ADDRESS)
            .alt("email-ID", ia5String(1, 512, null))
            .alt("partyNumber", PARTY_NUMBER)
            .build(); // mobileUIM, isupNumber: kept raw
    public static final PerType ALIASES = sequenceOf(ALIAS_ADDRESS);
    public static final PerType TRANSPORT_ADDRESSES = sequenceOf(TRANSPORT_ADDRESS);
    public static final PerType ADDRESS_PATTERN = choice()
            .alt("wildcard", ALIAS_ADDRESS)
            .alt("range", sequence().mandatory("startOfRange", PARTY_NUMBER).mandatory("endOfRange", PARTY_NUMBER).build())
            .extensible().build();
    public static final PerType GLOBALLY_UNIQUE_ID = octetString(16, 16);
    public static final PerType REQUEST_SEQ_NUM = integer(1, 65535);
    public static final PerType GATEKEEPER_IDENTIFIER = bmpString(1, 128);
    public static final PerType ENDPOINT_IDENTIFIER = bmpString(1, 128);
    public static final PerType BAND_WIDTH = integer(0, 4294967295L);
    public static final PerType CALL_REFERENCE_VALUE = integer(0, 65535);
    public static final PerType TIME_TO_LIVE = integer(1, 4294967295L);
    public static final PerType CALL_IDENTIFIER = sequence().mandatory("guid", GLOBALLY_UNIQUE_ID).extensible().build();
    public static final PerType CLEAR_TOKENS = sequenceOf(CLEAR_TOKEN);

    public static final PerType CRYPTO_H323_TOKEN = choice()
            .alt("cryptoEPPwdHash", sequence().mandatory("alias", ALIAS_ADDRESS).mandatory("timeStamp", TIME_STAMP)
                    .mandatory("token", HASHED).build())
            .alt("cryptoGKPwdHash", sequence().mandatory("gatekeeperId", GATEKEEPER_IDENTIFIER)
                    .mandatory("timeStamp", TIME_STAMP).mandatory("token", HASHED).build())
            .alt("cryptoEPPwdEncr", ENCRYPTED)
            .alt("cryptoGKPwdEncr", ENCRYPTED)
            .alt("cryptoEPCert", SIGNED)
            .alt("cryptoGKCert", SIGNED)
            .alt("cryptoFastStart", SIGNED)
            .alt("nestedcryptoToken", CRYPTO_TOKEN)
            .extensible().build();
    public static final PerType CRYPTO_TOKENS = sequenceOf(CRYPTO_H323_TOKEN);

    public static final PerType ENCRYPT_INT_ALG = choice()
            .alt("nonStandard", NON_STANDARD_PARAMETER).alt("isoAlgorithm", OBJECT_IDENTIFIER).extensible().build();
    public static final PerType NON_ISO_INTEGRITY_MECHANISM = choice()
            .alt("hMAC-MD5", NULL).alt("hMAC-iso10118-2-s", ENCRYPT_INT_ALG).alt("hMAC-iso10118-2-l", ENCRYPT_INT_ALG)
            .alt("hMAC-iso10118-3", OBJECT_IDENTIFIER).extensible().build();
    public static final PerType INTEGRITY_MECHANISM = choice()
            .alt("nonStandard", NON_STANDARD_PARAMETER).alt("digSig", NULL).alt("iso9797", OBJECT_IDENTIFIER)
            .alt("nonIsoIM", NON_ISO_INTEGRITY_MECHANISM).extensible().build();
    public static final PerType ICV = sequence()
            .mandatory("algorithmOID", OBJECT_IDENTIFIER).mandatory("icv", BIT_STRING).build();

    public static final PerType GENERIC_IDENTIFIER = choice()
            .alt("standard", integer(0L, 16383L, true)).alt("oid", OBJECT_IDENTIFIER)
            .alt("nonStandard", GLOBALLY_UNIQUE_ID).extensible().build();
    private static final PerType ENUMERATED_PARAMETER_REF = lazy(() -> H225Asn.ENUMERATED_PARAMETER);
    private static final PerType GENERIC_DATA_REF = lazy(() -> H225Asn.GENERIC_DATA);
    public static final PerType CONTENT = choice()
            .alt("raw", OCTET_STRING).alt("text", ia5String(0, MAX, null)).alt("unicode", bmpString(0, MAX))
            .alt("bool", BOOLEAN).alt("number8", integer(0, 255)).alt("number16", integer(0, 65535))
            .alt("number32", integer(0, 4294967295L)).alt("id", GENERIC_IDENTIFIER).alt("alias", ALIAS_ADDRESS)
            .alt("transport", TRANSPORT_ADDRESS).alt("compound", sequenceOf(ENUMERATED_PARAMETER_REF, 1, 512))
            .alt("nested", sequenceOf(GENERIC_DATA_REF, 1, 16))
            .extensible().build();
    public static final PerType ENUMERATED_PARAMETER = sequence()
            .mandatory("id", GENERIC_IDENTIFIER).optional("content", CONTENT).extensible().build();
    public static final PerType GENERIC_DATA = sequence()
            .mandatory("id", GENERIC_IDENTIFIER).optional("parameters", sequenceOf(ENUMERATED_PARAMETER, 1, 512))
            .extensible().build();
    public static final PerType GENERIC_DATA_LIST = sequenceOf(GENERIC_DATA);
    public static final PerType FEATURE_DESCRIPTORS = sequenceOf(GENERIC_DATA);
    public static final PerType FEATURE_SET = sequence()
            .mandatory("replacementFeatureSet", BOOLEAN).optional("neededFeatures", FEATURE_DESCRIPTORS)
            .optional("desiredFeatures", FEATURE_DESCRIPTORS).optional("supportedFeatures", FEATURE_DESCRIPTORS)
            .extensible().build();

    public static final PerType VENDOR_IDENTIFIER = sequence()
            .mandatory("vendor", H221_NON_STANDARD)
            .optional("productId", octetString(1, 256)).optional("versionId", octetString(1, 256))
            .extensible().optional("enterpriseNumber", OBJECT_IDENTIFIER).build();
    public static final PerType DATA_RATE = sequence()
            .optional("nonStandardData", NON_STANDARD_PARAMETER).mandatory("channelRate", BAND_WIDTH)
            .optional("channelMultiplier", integer(1, 256)).extensible().build();
    public static final PerType SUPPORTED_PREFIX = sequence()
            .optional("nonStandardData", NON_STANDARD_PARAMETER).mandatory("prefix", ALIAS_ADDRESS).extensible().build();
    public static final PerType SUPPORTED_PREFIXES = sequenceOf(SUPPORTED_PREFIX);
    /** H310Caps .. T120OnlyCaps all have this shape. */
    private static final PerType PROTOCOL_CAPS = sequence()
            .optional("nonStandardData", NON_STANDARD_PARAMETER).extensible()
            .optional("dataRatesSupported", sequenceOf(DATA_RATE)).mandatory("supportedPrefixes", SUPPORTED_PREFIXES)
            .build();
    public static final PerType SUPPORTED_PROTOCOLS = choice()
            .alt("nonStandardData", NON_STANDARD_PARAMETER).alt("h310", PROTOCOL_CAPS).alt("h320", PROTOCOL_CAPS)
            .alt("h321", PROTOCOL_CAPS).alt("h322", PROTOCOL_CAPS).alt("h323", PROTOCOL_CAPS).alt("h324", PROTOCOL_CAPS)
            .alt("voice", PROTOCOL_CAPS).alt("t120-only", PROTOCOL_CAPS)
            .extensible()
            .alt("nonStandardProtocol", sequence().optional("nonStandardData", NON_STANDARD_PARAMETER)
                    .optional("dataRatesSupported", sequenceOf(DATA_RATE))
                    .mandatory("supportedPrefixes", SUPPORTED_PREFIXES).extensible().build())
            .build(); // t38FaxAnnexbOnly (H.245 types), sip: kept raw
    private static final PerType NON_STANDARD_ONLY_INFO = sequence()
            .optional("nonStandardData", NON_STANDARD_PARAMETER).extensible().build();
    public static final PerType TUNNELLED_PROTOCOL = sequence()
            .mandatory("id", choice().alt("tunnelledProtocolObjectID", OBJECT_IDENTIFIER)
                    .alt("tunnelledProtocolAlternateID", sequence().mandatory("protocolType", ia5String(1, 64, null))
                            .optional("protocolVariant", ia5String(1, 64, null)).extensible().build())
                    .extensible().build())
            .optional("subIdentifier", ia5String(1, 64, null)).extensible().build();
    public static final PerType ENDPOINT_TYPE = sequence()
            .optional("nonStandardData", NON_STANDARD_PARAMETER)
            .optional("vendor", VENDOR_IDENTIFIER)
            .optional("gatekeeper", NON_STANDARD_ONLY_INFO)
            .optional("gateway", sequence().optional("protocol", sequenceOf(SUPPORTED_PROTOCOLS))
                    .optional("nonStandardData", NON_STANDARD_PARAMETER).extensible().build())
            .optional("mcu", sequence().optional("nonStandardData", NON_STANDARD_PARAMETER).extensible()
                    .optional("protocol", sequenceOf(SUPPORTED_PROTOCOLS)).build())
            .optional("terminal", NON_STANDARD_ONLY_INFO)
            .mandatory("mc", BOOLEAN)
            .mandatory("undefinedNode", BOOLEAN)
            .extensible()
            .optional("set", bitString(32, 32))
            .optional("supportedTunnelledProtocols", sequenceOf(TUNNELLED_PROTOCOL))
            .build();
    public static final PerType ALTERNATE_TRANSPORT_ADDRESSES = sequence()
            .optional("annexE", TRANSPORT_ADDRESSES).extensible().optional("sctp", TRANSPORT_ADDRESSES).build();
    public static final PerType ALTERNATE_GK = sequence()
            .mandatory("rasAddress", TRANSPORT_ADDRESS).optional("gatekeeperIdentifier", GATEKEEPER_IDENTIFIER)
            .mandatory("needToRegister", BOOLEAN).mandatory("priority", integer(0, 127)).extensible().build();
    public static final PerType ALTERNATE_GKS = sequenceOf(ALTERNATE_GK);
    public static final PerType ALT_GK_INFO = sequence()
            .mandatory("alternateGatekeeper", ALTERNATE_GKS).mandatory("altGKisPermanent", BOOLEAN).extensible().build();
    public static final PerType QSERIES_OPTIONS = sequence()
            .mandatory("q932Full", BOOLEAN).mandatory("q951Full", BOOLEAN).mandatory("q952Full", BOOLEAN)
            .mandatory("q953Full", BOOLEAN).mandatory("q955Full", BOOLEAN).mandatory("q956Full", BOOLEAN)
            .mandatory("q957Full", BOOLEAN)
            .mandatory("q954Info", sequence().mandatory("conferenceCalling", BOOLEAN)
                    .mandatory("threePartyService", BOOLEAN).extensible().build())
            .extensible().build();
    public static final PerType CARRIER_INFO = sequence()
            .optional("carrierIdentificationCode", octetString(3, 4)).optional("carrierName", ia5String(1, 128, null))
            .extensible().build();
    public static final PerType CIRCUIT_IDENTIFIER = sequence()
            .optional("cic", sequence().mandatory("cic", sequenceOf(octetString(2, 4)))
                    .mandatory("pointCode", octetString(2, 5)).extensible().build())
            .optional("group", sequence().optional("member", sequenceOf(integer(0, 65535)))
                    .mandatory("group", ia5String(1, 128, null)).extensible().build())
            .extensible().optional("carrier", CARRIER_INFO).build();
    public static final PerType CIRCUIT_INFO = sequence()
            .optional("sourceCircuitID", CIRCUIT_IDENTIFIER).optional("destinationCircuitID", CIRCUIT_IDENTIFIER)
            .optional("genericData", GENERIC_DATA_LIST).extensible().build();
    public static final PerType CALLS_AVAILABLE = sequence()
            .mandatory("calls", integer(0, 4294967295L)).optional("group", ia5String(1, 128, null))
            .extensible().optional("carrier", CARRIER_INFO).build();
    private static final PerType CALLS_AVAILABLE_LIST = sequenceOf(CALLS_AVAILABLE);
    public static final PerType CALL_CAPACITY_INFO = sequence()
            .optional("voiceGwCallsAvailable", CALLS_AVAILABLE_LIST).optional("h310GwCallsAvailable", CALLS_AVAILABLE_LIST)
            .optional("h320GwCallsAvailable", CALLS_AVAILABLE_LIST).optional("h321GwCallsAvailable", CALLS_AVAILABLE_LIST)
            .optional("h322GwCallsAvailable", CALLS_AVAILABLE_LIST).optional("h323GwCallsAvailable", CALLS_AVAILABLE_LIST)
            .optional("h324GwCallsAvailable", CALLS_AVAILABLE_LIST).optional("t120OnlyGwCallsAvailable", CALLS_AVAILABLE_LIST)
            .optional("t38FaxAnnexbOnlyGwCallsAvailable", CALLS_AVAILABLE_LIST)
            .optional("terminalCallsAvailable", CALLS_AVAILABLE_LIST).optional("mcuCallsAvailable", CALLS_AVAILABLE_LIST)
            .extensible().optional("sipGwCallsAvailable", CALLS_AVAILABLE_LIST).build();
    public static final PerType CALL_CAPACITY = sequence()
            .optional("maximumCallCapacity", CALL_CAPACITY_INFO).optional("currentCallCapacity", CALL_CAPACITY_INFO)
            .extensible().build();
    public static final PerType CALL_CREDIT_SERVICE_CONTROL = sequence()
            .optional("amountString", bmpString(1, 512))
            .optional("billingMode", choice().alt("credit", NULL).alt("debit", NULL).extensible().build())
            .optional("callDurationLimit", integer(1, 4294967295L)).optional("enforceCallDurationLimit", BOOLEAN)
            .optional("callStartingPoint", choice().alt("alerting", NULL).alt("connect", NULL).extensible().build())
            .extensible().build();
    public static final PerType SERVICE_CONTROL_SESSION = sequence()
            .mandatory("sessionId", integer(0, 255))
            .optional("contents", choice().alt("url", ia5String(0, 512, null)).alt("signal", OCTET_STRING)
                    .alt("nonStandard", NON_STANDARD_PARAMETER).alt("callCreditServiceControl", CALL_CREDIT_SERVICE_CONTROL)
                    .extensible().build())
            .mandatory("reason", choice().alt("open", NULL).alt("refresh", NULL).alt("close", NULL).extensible().build())
            .extensible().build();
    public static final PerType SERVICE_CONTROL = sequenceOf(SERVICE_CONTROL_SESSION);
    public static final PerType RAS_USAGE_INFO_TYPES = sequence()
            .mandatory("nonStandardUsageTypes", sequenceOf(NON_STANDARD_PARAMETER))
            .optional("startTime", NULL).optional("endTime", NULL).optional("terminationCause", NULL)
            .extensible().build();
    public static final PerType RAS_USAGE_SPECIFICATION = sequence()
            .mandatory("when", sequence().optional("start", NULL).optional("end", NULL).optional("inIrr", NULL)
                    .extensible().build())
            .optional("callStartingPoint", sequence().optional("alerting", NULL).optional("connect", NULL)
                    .extensible().build())
            .mandatory("required", RAS_USAGE_INFO_TYPES).extensible().build();
    public static final PerType RAS_USAGE_INFORMATION = sequence()
            .mandatory("nonStandardUsageFields", sequenceOf(NON_STANDARD_PARAMETER))
            .optional("alertingTime", TIME_STAMP).optional("connectTime", TIME_STAMP).optional("endTime", TIME_STAMP)
            .extensible().build();
    public static final PerType SECURITY_ERRORS = choice()
            .alt("securityWrongSyncTime", NULL).alt("securityReplay", NULL).alt("securityWrongGeneralID", NULL)
            .alt("securityWrongSendersID", NULL).alt("securityIntegrityFailed", NULL).alt("securityWrongOID", NULL)
            .alt("securityDHmismatch", NULL).alt("securityCertificateExpired", NULL)
            .alt("securityCertificateDateInvalid", NULL).alt("securityCertificateRevoked", NULL)
            .alt("securityCertificateNotReadable", NULL).alt("securityCertificateSignatureInvalid", NULL)
            .alt("securityCertificateMissing", NULL).alt("securityCertificateIncomplete", NULL)
            .alt("securityUnsupportedCertificateAlgOID", NULL).alt("securityUnknownCA", NULL)
            .extensible().build();
    public static final PerType SECURITY_ERRORS2 = choice()
            .alt("securityWrongSyncTime", NULL).alt("securityReplay", NULL).alt("securityWrongGeneralID", NULL)
            .alt("securityWrongSendersID", NULL).alt("securityIntegrityFailed", NULL).alt("securityWrongOID", NULL)
            .extensible().build();
    public static final PerType RELEASE_COMPLETE_REASON = choice()
            .alt("noBandwidth", NULL).alt("gatekeeperResources", NULL).alt("unreachableDestination", NULL)
            .alt("destinationRejection", NULL).alt("invalidRevision", NULL).alt("noPermission", NULL)
            .alt("unreachableGatekeeper", NULL).alt("gatewayResources", NULL).alt("badFormatAddress", NULL)
            .alt("adaptiveBusy", NULL).alt("inConf", NULL).alt("undefinedReason", NULL)
            .extensible()
            .alt("facilityCallDeflection", NULL).alt("securityDenied", NULL).alt("calledPartyNotRegistered", NULL)
            .alt("callerNotRegistered", NULL).alt("newConnectionNeeded", NULL)
            .alt("nonStandardReason", NON_STANDARD_PARAMETER).alt("replaceWithConferenceInvite", GLOBALLY_UNIQUE_ID)
            .alt("genericDataReason", NULL).alt("neededFeatureNotSupported", NULL)
            .alt("tunnelledSignallingRejected", NULL).alt("invalidCID", NULL).alt("securityError", SECURITY_ERRORS)
            .alt("hopCountExceeded", NULL)
            .build();
    public static final PerType CALL_TERMINATION_CAUSE = choice()
            .alt("releaseCompleteReason", RELEASE_COMPLETE_REASON).alt("releaseCompleteCauseIE", octetString(2, 32))
            .extensible().build();
    public static final PerType CALL_LINKAGE = sequence()
            .optional("globalCallId", GLOBALLY_UNIQUE_ID).optional("threadId", GLOBALLY_UNIQUE_ID).extensible().build();
    public static final PerType CALL_TYPE = choice()
            .alt("pointToPoint", NULL).alt("oneToN", NULL).alt("nToOne", NULL).alt("nToN", NULL).extensible().build();
    public static final PerType CALL_MODEL = choice()
            .alt("direct", NULL).alt("gatekeeperRouted", NULL).extensible().build();
    public static final PerType TRANSPORT_QOS = choice()
            .alt("endpointControlled", NULL).alt("gatekeeperControlled", NULL).alt("noControl", NULL)
            .extensible().build(); // qOSCapabilities (H.245 QOSCapability): kept raw
    public static final PerType USE_SPECIFIED_TRANSPORT = choice()
            .alt("tcp", NULL).alt("annexE", NULL).extensible().alt("sctp", NULL).build();
    public static final PerType UUIES_REQUESTED = sequence()
            .mandatory("setup", BOOLEAN).mandatory("callProceeding", BOOLEAN).mandatory("connect", BOOLEAN)
            .mandatory("alerting", BOOLEAN).mandatory("information", BOOLEAN).mandatory("releaseComplete", BOOLEAN)
            .mandatory("facility", BOOLEAN).mandatory("progress", BOOLEAN).mandatory("empty", BOOLEAN)
            .extensible()
            .mandatory("status", BOOLEAN).mandatory("statusInquiry", BOOLEAN).mandatory("setupAcknowledge", BOOLEAN)
            .mandatory("notify", BOOLEAN).build();
    public static final PerType REHOMING_MODEL = choice().alt("gatekeeperBased", NULL).alt("endpointBased", NULL).build();
    public static final PerType CAPACITY_REPORTING_CAPABILITY = sequence()
            .mandatory("canReportCallCapacity", BOOLEAN).extensible().build();
    public static final PerType CAPACITY_REPORTING_SPECIFICATION = sequence()
            .mandatory("when", sequence().optional("callStart", NULL).optional("callEnd", NULL).extensible().build())
            .extensible().build();
    public static final PerType CALL_CREDIT_CAPABILITY = sequence()
            .optional("canDisplayAmountString", BOOLEAN).optional("canEnforceDurationLimit", BOOLEAN)
            .extensible().build();
    public static final PerType ENDPOINT = sequence()
            .optional("nonStandardData", NON_STANDARD_PARAMETER).optional("aliasAddress", ALIASES)
            .optional("callSignalAddress", TRANSPORT_ADDRESSES).optional("rasAddress", TRANSPORT_ADDRESSES)
            .optional("endpointType", ENDPOINT_TYPE).optional("tokens", CLEAR_TOKENS)
            .optional("cryptoTokens", CRYPTO_TOKENS).optional("priority", integer(0, 127))
            .optional("remoteExtensionAddress", ALIASES).optional("destExtraCallInfo", ALIASES)
            .extensible()
            .optional("alternateTransportAddresses", ALTERNATE_TRANSPORT_ADDRESSES)
            .optional("circuitInfo", CIRCUIT_INFO).optional("featureSet", FEATURE_SET)
            .build();
    public static final PerType ENDPOINTS = sequenceOf(ENDPOINT);
    public static final PerType TRANSPORT_CHANNEL_INFO = sequence()
            .optional("sendAddress", TRANSPORT_ADDRESS).optional("recvAddress", TRANSPORT_ADDRESS).extensible().build();
    public static final PerType RTP_SESSION = sequence()
            .mandatory("rtpAddress", TRANSPORT_CHANNEL_INFO).mandatory("rtcpAddress", TRANSPORT_CHANNEL_INFO)
            .mandatory("cname", PRINTABLE_STRING).mandatory("ssrc", integer(1, 4294967295L))
            .mandatory("sessionId", integer(1, 255)).mandatory("associatedSessionIds", sequenceOf(integer(1, 255)))
            .extensible().optional("multicast", NULL).optional("bandwidth", BAND_WIDTH).build();
    private static Asn.SequenceBuilder securedTail(Asn.SequenceBuilder b) {
        return b.optional("tokens", CLEAR_TOKENS).optional("cryptoTokens", CRYPTO_TOKENS)
                .optional("integrityCheckValue", ICV);
    }

    // ---- RAS messages (H.225.0 clause 7 / RasMessage) ----
    public static final PerType GATEKEEPER_REQUEST = sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("protocolIdentifier", OBJECT_IDENTIFIER)
            .optional("nonStandardData", NON_STANDARD_PARAMETER).mandatory("rasAddress", TRANSPORT_ADDRESS)
            .mandatory("endpointType", ENDPOINT_TYPE).optional("gatekeeperIdentifier", GATEKEEPER_IDENTIFIER)
            .optional("callServices", QSERIES_OPTIONS).optional("endpointAlias", ALIASES)
            .extensible()
            .optional("alternateEndpoints", ENDPOINTS).optional("tokens", CLEAR_TOKENS)
            .optional("cryptoTokens", CRYPTO_TOKENS)
            .optional("authenticationCapability", sequenceOf(AUTHENTICATION_MECHANISM))
            .optional("algorithmOIDs", sequenceOf(OBJECT_IDENTIFIER))
            .optional("integrity", sequenceOf(INTEGRITY_MECHANISM)).optional("integrityCheckValue", ICV)
            .optional("supportsAltGK", NULL).optional("featureSet", FEATURE_SET).optional("genericData", GENERIC_DATA_LIST)
            .mandatory("supportsAssignedGK", BOOLEAN).optional("assignedGatekeeper", ALTERNATE_GK)
            .build();
    public static final PerType GATEKEEPER_CONFIRM = sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("protocolIdentifier", OBJECT_IDENTIFIER)
            .optional("nonStandardData", NON_STANDARD_PARAMETER).optional("gatekeeperIdentifier", GATEKEEPER_IDENTIFIER)
            .mandatory("rasAddress", TRANSPORT_ADDRESS)
            .extensible()
            .optional("alternateGatekeeper", ALTERNATE_GKS).optional("authenticationMode", AUTHENTICATION_MECHANISM)
            .optional("tokens", CLEAR_TOKENS).optional("cryptoTokens", CRYPTO_TOKENS)
            .optional("algorithmOID", OBJECT_IDENTIFIER).optional("integrity", sequenceOf(INTEGRITY_MECHANISM))
            .optional("integrityCheckValue", ICV).optional("featureSet", FEATURE_SET)
            .optional("genericData", GENERIC_DATA_LIST).optional("assignedGatekeeper", ALTERNATE_GK)
            .optional("rehomingModel", REHOMING_MODEL)
            .build();
    public static final PerType GATEKEEPER_REJECT_REASON = choice()
            .alt("resourceUnavailable", NULL).alt("terminalExcluded", NULL).alt("invalidRevision", NULL)
            .alt("undefinedReason", NULL).extensible()
            .alt("securityDenial", NULL).alt("genericDataReason", NULL).alt("neededFeatureNotSupported", NULL)
            .alt("securityError", SECURITY_ERRORS).build();
    public static final PerType GATEKEEPER_REJECT = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("protocolIdentifier", OBJECT_IDENTIFIER)
            .optional("nonStandardData", NON_STANDARD_PARAMETER).optional("gatekeeperIdentifier", GATEKEEPER_IDENTIFIER)
            .mandatory("rejectReason", GATEKEEPER_REJECT_REASON)
            .extensible().optional("altGKInfo", ALT_GK_INFO))
            .optional("featureSet", FEATURE_SET).optional("genericData", GENERIC_DATA_LIST)
            .build();
    public static final PerType REGISTRATION_REQUEST = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("protocolIdentifier", OBJECT_IDENTIFIER)
            .optional("nonStandardData", NON_STANDARD_PARAMETER).mandatory("discoveryComplete", BOOLEAN)
            .mandatory("callSignalAddress", TRANSPORT_ADDRESSES).mandatory("rasAddress", TRANSPORT_ADDRESSES)
            .mandatory("terminalType", ENDPOINT_TYPE).optional("terminalAlias", ALIASES)
            .optional("gatekeeperIdentifier", GATEKEEPER_IDENTIFIER).mandatory("endpointVendor", VENDOR_IDENTIFIER)
            .extensible()
            .optional("alternateEndpoints", ENDPOINTS).optional("timeToLive", TIME_TO_LIVE))
            .mandatory("keepAlive", BOOLEAN).optional("endpointIdentifier", ENDPOINT_IDENTIFIER)
            .mandatory("willSupplyUUIEs", BOOLEAN).mandatory("maintainConnection", BOOLEAN)
            .optional("alternateTransportAddresses", ALTERNATE_TRANSPORT_ADDRESSES)
            .optional("additiveRegistration", NULL).optional("terminalAliasPattern", sequenceOf(ADDRESS_PATTERN))
            .optional("supportsAltGK", NULL).optional("usageReportingCapability", RAS_USAGE_INFO_TYPES)
            .optional("multipleCalls", BOOLEAN).optional("supportedH248Packages", sequenceOf(OCTET_STRING))
            .optional("callCreditCapability", CALL_CREDIT_CAPABILITY)
            .optional("capacityReportingCapability", CAPACITY_REPORTING_CAPABILITY)
            .optional("capacity", CALL_CAPACITY).optional("featureSet", FEATURE_SET)
            .optional("genericData", GENERIC_DATA_LIST).optional("restart", NULL)
            .optional("supportsACFSequences", NULL).mandatory("supportsAssignedGK", BOOLEAN)
            .optional("assignedGatekeeper", ALTERNATE_GK).optional("transportQOS", TRANSPORT_QOS)
            .optional("language", sequenceOf(ia5String(1, 32, null)))
            .build();
    public static final PerType REGISTRATION_CONFIRM = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("protocolIdentifier", OBJECT_IDENTIFIER)
            .optional("nonStandardData", NON_STANDARD_PARAMETER).mandatory("callSignalAddress", TRANSPORT_ADDRESSES)
            .optional("terminalAlias", ALIASES).optional("gatekeeperIdentifier", GATEKEEPER_IDENTIFIER)
            .mandatory("endpointIdentifier", ENDPOINT_IDENTIFIER)
            .extensible()
            .optional("alternateGatekeeper", ALTERNATE_GKS).optional("timeToLive", TIME_TO_LIVE))
            .mandatory("willRespondToIRR", BOOLEAN)
            .optional("preGrantedARQ", sequence().mandatory("makeCall", BOOLEAN)
                    .mandatory("useGKCallSignalAddressToMakeCall", BOOLEAN).mandatory("answerCall", BOOLEAN)
                    .mandatory("useGKCallSignalAddressToAnswer", BOOLEAN).extensible()
                    .optional("irrFrequencyInCall", integer(1, 65535)).optional("totalBandwidthRestriction", BAND_WIDTH)
                    .optional("alternateTransportAddresses", ALTERNATE_TRANSPORT_ADDRESSES)
                    .optional("useSpecifiedTransport", USE_SPECIFIED_TRANSPORT).build())
            .mandatory("maintainConnection", BOOLEAN).optional("serviceControl", SERVICE_CONTROL)
            .optional("supportsAdditiveRegistration", NULL).optional("terminalAliasPattern", sequenceOf(ADDRESS_PATTERN))
            .optional("supportedPrefixes", SUPPORTED_PREFIXES).optional("usageSpec", sequenceOf(RAS_USAGE_SPECIFICATION))
            .optional("featureServerAlias", ALIAS_ADDRESS)
            .optional("capacityReportingSpec", CAPACITY_REPORTING_SPECIFICATION).optional("featureSet", FEATURE_SET)
            .optional("genericData", GENERIC_DATA_LIST).optional("assignedGatekeeper", ALTERNATE_GK)
            .optional("rehomingModel", REHOMING_MODEL).optional("transportQOS", TRANSPORT_QOS)
            .build();
    public static final PerType REGISTRATION_REJECT_REASON = choice()
            .alt("discoveryRequired", NULL).alt("invalidRevision", NULL).alt("invalidCallSignalAddress", NULL)
            .alt("invalidRASAddress", NULL).alt("duplicateAlias", ALIASES).alt("invalidTerminalType", NULL)
            .alt("undefinedReason", NULL).alt("transportNotSupported", NULL)
            .extensible()
            .alt("transportQOSNotSupported", NULL).alt("resourceUnavailable", NULL).alt("invalidAlias", NULL)
            .alt("securityDenial", NULL).alt("fullRegistrationRequired", NULL)
            .alt("additiveRegistrationNotSupported", NULL)
            .alt("invalidTerminalAliases", sequence().optional("terminalAlias", ALIASES)
                    .optional("terminalAliasPattern", sequenceOf(ADDRESS_PATTERN))
                    .optional("supportedPrefixes", SUPPORTED_PREFIXES).extensible().build())
            .alt("genericDataReason", NULL).alt("neededFeatureNotSupported", NULL)
            .alt("securityError", SECURITY_ERRORS).alt("registerWithAssignedGK", NULL)
            .build();
    public static final PerType REGISTRATION_REJECT = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("protocolIdentifier", OBJECT_IDENTIFIER)
            .optional("nonStandardData", NON_STANDARD_PARAMETER).mandatory("rejectReason", REGISTRATION_REJECT_REASON)
            .optional("gatekeeperIdentifier", GATEKEEPER_IDENTIFIER)
            .extensible().optional("altGKInfo", ALT_GK_INFO))
            .optional("featureSet", FEATURE_SET).optional("genericData", GENERIC_DATA_LIST)
            .optional("assignedGatekeeper", ALTERNATE_GK)
            .build();
    public static final PerType UNREG_REQUEST_REASON = choice()
            .alt("reregistrationRequired", NULL).alt("ttlExpired", NULL).alt("securityDenial", NULL)
            .alt("undefinedReason", NULL).extensible()
            .alt("maintenance", NULL).alt("securityError", SECURITY_ERRORS2).alt("registerWithAssignedGK", NULL)
            .build();
    public static final PerType UNREGISTRATION_REQUEST = sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("callSignalAddress", TRANSPORT_ADDRESSES)
            .optional("endpointAlias", ALIASES).optional("nonStandardData", NON_STANDARD_PARAMETER)
            .optional("endpointIdentifier", ENDPOINT_IDENTIFIER)
            .extensible()
            .optional("alternateEndpoints", ENDPOINTS).optional("gatekeeperIdentifier", GATEKEEPER_IDENTIFIER)
            .optional("tokens", CLEAR_TOKENS).optional("cryptoTokens", CRYPTO_TOKENS)
            .optional("integrityCheckValue", ICV).optional("reason", UNREG_REQUEST_REASON)
            .optional("endpointAliasPattern", sequenceOf(ADDRESS_PATTERN))
            .optional("supportedPrefixes", SUPPORTED_PREFIXES).optional("alternateGatekeeper", ALTERNATE_GKS)
            .optional("genericData", GENERIC_DATA_LIST).optional("assignedGatekeeper", ALTERNATE_GK)
            .build();
    public static final PerType UNREGISTRATION_CONFIRM = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).optional("nonStandardData", NON_STANDARD_PARAMETER)
            .extensible())
            .optional("genericData", GENERIC_DATA_LIST).optional("assignedGatekeeper", ALTERNATE_GK)
            .build();
    public static final PerType UNREG_REJECT_REASON = choice()
            .alt("notCurrentlyRegistered", NULL).alt("callInProgress", NULL).alt("undefinedReason", NULL)
            .extensible()
            .alt("permissionDenied", NULL).alt("securityDenial", NULL).alt("securityError", SECURITY_ERRORS2)
            .build();
    public static final PerType UNREGISTRATION_REJECT = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("rejectReason", UNREG_REJECT_REASON)
            .optional("nonStandardData", NON_STANDARD_PARAMETER)
            .extensible().optional("altGKInfo", ALT_GK_INFO))
            .optional("genericData", GENERIC_DATA_LIST)
            .build();
    public static final PerType ADMISSION_REQUEST = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("callType", CALL_TYPE)
            .optional("callModel", CALL_MODEL).mandatory("endpointIdentifier", ENDPOINT_IDENTIFIER)
            .optional("destinationInfo", ALIASES).optional("destCallSignalAddress", TRANSPORT_ADDRESS)
            .optional("destExtraCallInfo", ALIASES).mandatory("srcInfo", ALIASES)
            .optional("srcCallSignalAddress", TRANSPORT_ADDRESS).mandatory("bandWidth", BAND_WIDTH)
            .mandatory("callReferenceValue", CALL_REFERENCE_VALUE).optional("nonStandardData", NON_STANDARD_PARAMETER)
            .optional("callServices", QSERIES_OPTIONS).mandatory("conferenceID", GLOBALLY_UNIQUE_ID)
            .mandatory("activeMC", BOOLEAN).mandatory("answerCall", BOOLEAN)
            .extensible()
            .mandatory("canMapAlias", BOOLEAN).mandatory("callIdentifier", CALL_IDENTIFIER)
            .optional("srcAlternatives", ENDPOINTS).optional("destAlternatives", ENDPOINTS)
            .optional("gatekeeperIdentifier", GATEKEEPER_IDENTIFIER))
            .optional("transportQOS", TRANSPORT_QOS).mandatory("willSupplyUUIEs", BOOLEAN)
            .optional("callLinkage", CALL_LINKAGE).optional("gatewayDataRate", DATA_RATE)
            .optional("capacity", CALL_CAPACITY).optional("circuitInfo", CIRCUIT_INFO)
            .optional("desiredProtocols", sequenceOf(SUPPORTED_PROTOCOLS))
            .optional("desiredTunnelledProtocol", TUNNELLED_PROTOCOL).optional("featureSet", FEATURE_SET)
            .optional("genericData", GENERIC_DATA_LIST).mandatory("canMapSrcAlias", BOOLEAN)
            .build();
    public static final PerType ADMISSION_CONFIRM = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("bandWidth", BAND_WIDTH)
            .mandatory("callModel", CALL_MODEL).mandatory("destCallSignalAddress", TRANSPORT_ADDRESS)
            .optional("irrFrequency", integer(1, 65535)).optional("nonStandardData", NON_STANDARD_PARAMETER)
            .extensible()
            .optional("destinationInfo", ALIASES).optional("destExtraCallInfo", ALIASES)
            .optional("destinationType", ENDPOINT_TYPE).optional("remoteExtensionAddress", ALIASES)
            .optional("alternateEndpoints", ENDPOINTS))
            .optional("transportQOS", TRANSPORT_QOS).mandatory("willRespondToIRR", BOOLEAN)
            .mandatory("uuiesRequested", UUIES_REQUESTED).optional("language", sequenceOf(ia5String(1, 32, null)))
            .optional("alternateTransportAddresses", ALTERNATE_TRANSPORT_ADDRESSES)
            .optional("useSpecifiedTransport", USE_SPECIFIED_TRANSPORT).optional("circuitInfo", CIRCUIT_INFO)
            .optional("usageSpec", sequenceOf(RAS_USAGE_SPECIFICATION))
            .optional("supportedProtocols", sequenceOf(SUPPORTED_PROTOCOLS)).optional("serviceControl", SERVICE_CONTROL)
            .optional("multipleCalls", BOOLEAN).optional("featureSet", FEATURE_SET)
            .optional("genericData", GENERIC_DATA_LIST).optional("modifiedSrcInfo", ALIASES)
            .optional("assignedGatekeeper", ALTERNATE_GK)
            .build();
    public static final PerType ADMISSION_REJECT_REASON = choice()
            .alt("calledPartyNotRegistered", NULL).alt("invalidPermission", NULL).alt("requestDenied", NULL)
            .alt("undefinedReason", NULL).alt("callerNotRegistered", NULL).alt("routeCallToGatekeeper", NULL)
            .alt("invalidEndpointIdentifier", NULL).alt("resourceUnavailable", NULL)
            .extensible()
            .alt("securityDenial", NULL).alt("qosControlNotSupported", NULL).alt("incompleteAddress", NULL)
            .alt("aliasesInconsistent", NULL).alt("routeCallToSCN", sequenceOf(PARTY_NUMBER))
            .alt("exceedsCallCapacity", NULL).alt("collectDestination", NULL).alt("collectPIN", NULL)
            .alt("genericDataReason", NULL).alt("neededFeatureNotSupported", NULL)
            .alt("securityError", SECURITY_ERRORS2).alt("securityDHmismatch", NULL)
            .alt("noRouteToDestination", NULL).alt("unallocatedNumber", NULL).alt("registerWithAssignedGK", NULL)
            .build();
    public static final PerType ADMISSION_REJECT = sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("rejectReason", ADMISSION_REJECT_REASON)
            .optional("nonStandardData", NON_STANDARD_PARAMETER)
            .extensible()
            .optional("altGKInfo", ALT_GK_INFO).optional("tokens", CLEAR_TOKENS).optional("cryptoTokens", CRYPTO_TOKENS)
            .optional("callSignalAddress", TRANSPORT_ADDRESSES).optional("integrityCheckValue", ICV)
            .optional("serviceControl", SERVICE_CONTROL).optional("featureSet", FEATURE_SET)
            .optional("genericData", GENERIC_DATA_LIST).optional("assignedGatekeeper", ALTERNATE_GK)
            .build();
    public static final PerType BANDWIDTH_REQUEST = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("endpointIdentifier", ENDPOINT_IDENTIFIER)
            .mandatory("conferenceID", GLOBALLY_UNIQUE_ID).mandatory("callReferenceValue", CALL_REFERENCE_VALUE)
            .optional("callType", CALL_TYPE).mandatory("bandWidth", BAND_WIDTH)
            .optional("nonStandardData", NON_STANDARD_PARAMETER)
            .extensible()
            .mandatory("callIdentifier", CALL_IDENTIFIER).optional("gatekeeperIdentifier", GATEKEEPER_IDENTIFIER))
            .mandatory("answeredCall", BOOLEAN).optional("callLinkage", CALL_LINKAGE).optional("capacity", CALL_CAPACITY)
            .optional("usageInformation", RAS_USAGE_INFORMATION)
            .unknownAddition() // bandwidthDetails
            .optional("genericData", GENERIC_DATA_LIST).optional("transportQOS", TRANSPORT_QOS)
            .build();
    public static final PerType BANDWIDTH_CONFIRM = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("bandWidth", BAND_WIDTH)
            .optional("nonStandardData", NON_STANDARD_PARAMETER).extensible())
            .optional("capacity", CALL_CAPACITY).optional("genericData", GENERIC_DATA_LIST)
            .optional("transportQOS", TRANSPORT_QOS)
            .build();
    public static final PerType BANDWIDTH_REJECT = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM)
            .mandatory("rejectReason", choice().alt("notBound", NULL).alt("invalidConferenceID", NULL)
                    .alt("invalidPermission", NULL).alt("insufficientResources", NULL).alt("invalidRevision", NULL)
                    .alt("undefinedReason", NULL).extensible().alt("securityDenial", NULL)
                    .alt("securityError", SECURITY_ERRORS2).build())
            .mandatory("allowedBandWidth", BAND_WIDTH).optional("nonStandardData", NON_STANDARD_PARAMETER)
            .extensible().optional("altGKInfo", ALT_GK_INFO))
            .optional("genericData", GENERIC_DATA_LIST)
            .build();
    // LRQ/LCF/LRJ are gatekeeper-to-gatekeeper; an endpoint only needs to skip them, so their root is
    // decoded and every extension addition is kept raw.
    public static final PerType LOCATION_REQUEST = sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).optional("endpointIdentifier", ENDPOINT_IDENTIFIER)
            .mandatory("destinationInfo", ALIASES).optional("nonStandardData", NON_STANDARD_PARAMETER)
            .mandatory("replyAddress", TRANSPORT_ADDRESS).extensible().build();
    public static final PerType LOCATION_CONFIRM = sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("callSignalAddress", TRANSPORT_ADDRESS)
            .mandatory("rasAddress", TRANSPORT_ADDRESS).optional("nonStandardData", NON_STANDARD_PARAMETER)
            .extensible().build();
    public static final PerType LOCATION_REJECT = sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM)
            .mandatory("rejectReason", choice().alt("notRegistered", NULL).alt("invalidPermission", NULL)
                    .alt("requestDenied", NULL).alt("undefinedReason", NULL).extensible().build())
            .optional("nonStandardData", NON_STANDARD_PARAMETER).extensible().build();
    public static final PerType DISENGAGE_REASON = choice()
            .alt("forcedDrop", NULL).alt("normalDrop", NULL).alt("undefinedReason", NULL).extensible().build();
    public static final PerType DISENGAGE_REQUEST = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("endpointIdentifier", ENDPOINT_IDENTIFIER)
            .mandatory("conferenceID", GLOBALLY_UNIQUE_ID).mandatory("callReferenceValue", CALL_REFERENCE_VALUE)
            .mandatory("disengageReason", DISENGAGE_REASON).optional("nonStandardData", NON_STANDARD_PARAMETER)
            .extensible()
            .mandatory("callIdentifier", CALL_IDENTIFIER).optional("gatekeeperIdentifier", GATEKEEPER_IDENTIFIER))
            .mandatory("answeredCall", BOOLEAN).optional("callLinkage", CALL_LINKAGE).optional("capacity", CALL_CAPACITY)
            .optional("circuitInfo", CIRCUIT_INFO).optional("usageInformation", RAS_USAGE_INFORMATION)
            .optional("terminationCause", CALL_TERMINATION_CAUSE).optional("serviceControl", SERVICE_CONTROL)
            .optional("genericData", GENERIC_DATA_LIST)
            .build();
    public static final PerType DISENGAGE_CONFIRM = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).optional("nonStandardData", NON_STANDARD_PARAMETER)
            .extensible())
            .optional("capacity", CALL_CAPACITY).optional("circuitInfo", CIRCUIT_INFO)
            .optional("usageInformation", RAS_USAGE_INFORMATION).optional("genericData", GENERIC_DATA_LIST)
            .optional("assignedGatekeeper", ALTERNATE_GK)
            .build();
    public static final PerType DISENGAGE_REJECT_REASON = choice().alt("notRegistered", NULL)
            .alt("requestToDropOther", NULL).extensible().alt("securityDenial", NULL)
            .alt("securityError", SECURITY_ERRORS2).build();
    public static final PerType DISENGAGE_REJECT = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("rejectReason", DISENGAGE_REJECT_REASON)
            .optional("nonStandardData", NON_STANDARD_PARAMETER)
            .extensible().optional("altGKInfo", ALT_GK_INFO))
            .optional("genericData", GENERIC_DATA_LIST)
            .build();
    public static final PerType INFO_REQUEST = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("callReferenceValue", CALL_REFERENCE_VALUE)
            .optional("nonStandardData", NON_STANDARD_PARAMETER).optional("replyAddress", TRANSPORT_ADDRESS)
            .extensible().mandatory("callIdentifier", CALL_IDENTIFIER))
            .optional("uuiesRequested", UUIES_REQUESTED).optional("callLinkage", CALL_LINKAGE)
            .optional("usageInfoRequested", RAS_USAGE_INFO_TYPES).optional("segmentedResponseSupported", NULL)
            .optional("nextSegmentRequested", integer(0, 65535)).optional("capacityInfoRequested", NULL)
            .optional("genericData", GENERIC_DATA_LIST).optional("assignedGatekeeper", ALTERNATE_GK)
            .build();
    public static final PerType PER_CALL_INFO = sequence()
            .optional("nonStandardData", NON_STANDARD_PARAMETER).mandatory("callReferenceValue", CALL_REFERENCE_VALUE)
            .mandatory("conferenceID", GLOBALLY_UNIQUE_ID).optional("originator", BOOLEAN)
            .optional("audio", sequenceOf(RTP_SESSION)).optional("video", sequenceOf(RTP_SESSION))
            .optional("data", sequenceOf(TRANSPORT_CHANNEL_INFO)).mandatory("h245", TRANSPORT_CHANNEL_INFO)
            .mandatory("callSignalling", TRANSPORT_CHANNEL_INFO).mandatory("callType", CALL_TYPE)
            .mandatory("bandWidth", BAND_WIDTH).mandatory("callModel", CALL_MODEL)
            .extensible()
            .mandatory("callIdentifier", CALL_IDENTIFIER).optional("tokens", CLEAR_TOKENS)
            .optional("cryptoTokens", CRYPTO_TOKENS).mandatory("substituteConfIDs", sequenceOf(GLOBALLY_UNIQUE_ID))
            .unknownAddition() // pdu: H323-UU-PDU copies, kept raw
            .optional("callLinkage", CALL_LINKAGE).optional("usageInformation", RAS_USAGE_INFORMATION)
            .optional("circuitInfo", CIRCUIT_INFO)
            .build();
    public static final PerType INFO_REQUEST_RESPONSE = securedTail(sequence()
            .optional("nonStandardData", NON_STANDARD_PARAMETER).mandatory("requestSeqNum", REQUEST_SEQ_NUM)
            .mandatory("endpointType", ENDPOINT_TYPE).mandatory("endpointIdentifier", ENDPOINT_IDENTIFIER)
            .mandatory("rasAddress", TRANSPORT_ADDRESS).mandatory("callSignalAddress", TRANSPORT_ADDRESSES)
            .optional("endpointAlias", ALIASES).optional("perCallInfo", sequenceOf(PER_CALL_INFO))
            .extensible())
            .mandatory("needResponse", BOOLEAN).optional("capacity", CALL_CAPACITY)
            .optional("irrStatus", choice().alt("complete", NULL).alt("incomplete", NULL)
                    .alt("segment", integer(0, 65535)).alt("invalidCall", NULL).extensible().build())
            .mandatory("unsolicited", BOOLEAN).optional("genericData", GENERIC_DATA_LIST)
            .build();
    public static final PerType NON_STANDARD_MESSAGE = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("nonStandardData", NON_STANDARD_PARAMETER)
            .extensible())
            .optional("featureSet", FEATURE_SET).optional("genericData", GENERIC_DATA_LIST)
            .build();
    public static final PerType UNKNOWN_MESSAGE_RESPONSE = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).extensible())
            .mandatory("messageNotUnderstood", OCTET_STRING)
            .build();
    public static final PerType REQUEST_IN_PROGRESS = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).optional("nonStandardData", NON_STANDARD_PARAMETER))
            .mandatory("delay", integer(1, 65535)).extensible()
            .build();
    public static final PerType RESOURCES_AVAILABLE_INDICATE = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("protocolIdentifier", OBJECT_IDENTIFIER)
            .optional("nonStandardData", NON_STANDARD_PARAMETER).mandatory("endpointIdentifier", ENDPOINT_IDENTIFIER)
            .mandatory("protocols", sequenceOf(SUPPORTED_PROTOCOLS)).mandatory("almostOutOfResources", BOOLEAN))
            .extensible().optional("capacity", CALL_CAPACITY).optional("genericData", GENERIC_DATA_LIST)
            .build();
    public static final PerType RESOURCES_AVAILABLE_CONFIRM = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).mandatory("protocolIdentifier", OBJECT_IDENTIFIER)
            .optional("nonStandardData", NON_STANDARD_PARAMETER))
            .extensible().optional("genericData", GENERIC_DATA_LIST)
            .build();
    public static final PerType INFO_REQUEST_ACK = securedTail(sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).optional("nonStandardData", NON_STANDARD_PARAMETER))
            .extensible().build();
    public static final PerType INFO_REQUEST_NAK = sequence()
            .mandatory("requestSeqNum", REQUEST_SEQ_NUM).optional("nonStandardData", NON_STANDARD_PARAMETER)
            .mandatory("nakReason", choice().alt("notRegistered", NULL).alt("securityDenial", NULL)
                    .alt("undefinedReason", NULL).extensible().alt("securityError", SECURITY_ERRORS2).build())
            .optional("altGKInfo", ALT_GK_INFO).optional("tokens", CLEAR_TOKENS).optional("cryptoTokens", CRYPTO_TOKENS)
            .optional("integrityCheckValue", ICV).extensible()
            .build();

    /** RasMessage: the PDU of every RAS datagram. */
    public static final PerType RAS_MESSAGE = choice()
            .alt("gatekeeperRequest", GATEKEEPER_REQUEST).alt("gatekeeperConfirm", GATEKEEPER_CONFIRM)
            .alt("gatekeeperReject", GATEKEEPER_REJECT).alt("registrationRequest", REGISTRATION_REQUEST)
            .alt("registrationConfirm", REGISTRATION_CONFIRM).alt("registrationReject", REGISTRATION_REJECT)
            .alt("unregistrationRequest", UNREGISTRATION_REQUEST).alt("unregistrationConfirm", UNREGISTRATION_CONFIRM)
            .alt("unregistrationReject", UNREGISTRATION_REJECT).alt("admissionRequest", ADMISSION_REQUEST)
            .alt("admissionConfirm", ADMISSION_CONFIRM).alt("admissionReject", ADMISSION_REJECT)
            .alt("bandwidthRequest", BANDWIDTH_REQUEST).alt("bandwidthConfirm", BANDWIDTH_CONFIRM)
            .alt("bandwidthReject", BANDWIDTH_REJECT).alt("disengageRequest", DISENGAGE_REQUEST)
            .alt("disengageConfirm", DISENGAGE_CONFIRM).alt("disengageReject", DISENGAGE_REJECT)
            .alt("locationRequest", LOCATION_REQUEST).alt("locationConfirm", LOCATION_CONFIRM)
            .alt("locationReject", LOCATION_REJECT).alt("infoRequest", INFO_REQUEST)
            .alt("infoRequestResponse", INFO_REQUEST_RESPONSE).alt("nonStandardMessage", NON_STANDARD_MESSAGE)
            .alt("unknownMessageResponse", UNKNOWN_MESSAGE_RESPONSE)
            .extensible()
            .alt("requestInProgress", REQUEST_IN_PROGRESS)
            .alt("resourcesAvailableIndicate", RESOURCES_AVAILABLE_INDICATE)
            .alt("resourcesAvailableConfirm", RESOURCES_AVAILABLE_CONFIRM)
            .alt("infoRequestAck", INFO_REQUEST_ACK)
            .alt("infoRequestNak", INFO_REQUEST_NAK)
            .build(); // serviceControlIndication, serviceControlResponse, admissionConfirmSequence: kept raw
}
