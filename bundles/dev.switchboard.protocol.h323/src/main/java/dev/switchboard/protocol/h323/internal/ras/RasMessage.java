package dev.switchboard.protocol.h323.internal.ras;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.ObjectIdentifier;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;

/**
 * The RAS messages an endpoint sends and answers (H.225.0 clause 7), with the fields it acts on.
 * {@link RasCodec} converts them to and from RasMessage PDUs; what a typed record leaves out
 * (tokens, feature sets, non-standard data) is not needed to run a registration.
 */
public sealed interface RasMessage {
    int requestSeqNum();

    /**
     * Discovery. {@code authenticationCapability} (AuthenticationMechanism alternative names, e.g.
     * "pwdHash") and {@code algorithmOIDs} tell the gatekeeper which H.235 security we can use.
     */
    record GatekeeperRequest(int requestSeqNum, InetSocketAddress rasAddress, Optional<String> gatekeeperIdentifier,
            List<AliasAddress> endpointAlias, List<String> authenticationCapability, List<ObjectIdentifier> algorithmOIDs)
            implements RasMessage {
        public GatekeeperRequest {
            authenticationCapability = List.copyOf(authenticationCapability);
            algorithmOIDs = List.copyOf(algorithmOIDs);
        }
    }

    /** The gatekeeper found; {@code authenticationMode} and {@code algorithmOID} are the H.235 security it chose. */
    record GatekeeperConfirm(int requestSeqNum, Optional<String> gatekeeperIdentifier, InetSocketAddress rasAddress,
            Optional<String> authenticationMode, Optional<ObjectIdentifier> algorithmOID) implements RasMessage {
        /** H.235 password hashing with MD5 ({@link PasswordHashToken}) chosen, by mechanism or by algorithm. */
        public boolean choosesPasswordHash() {
            return authenticationMode.filter("pwdHash"::equals).isPresent()
                    || algorithmOID.filter(PasswordHashToken.MD5::equals).isPresent();
        }
    }

    record GatekeeperReject(int requestSeqNum, Optional<String> gatekeeperIdentifier, String rejectReason)
            implements RasMessage {
    }

    /**
     * Full registration, or (keepAlive) the lightweight re-registration of H.225.0 7.9.1. {@code tokens}
     * are ClearTokens as {@link H225Asn#CLEAR_TOKEN} values (e.g. a {@link CiscoAccessToken}).
     */
    record RegistrationRequest(int requestSeqNum, boolean discoveryComplete, List<InetSocketAddress> callSignalAddress,
            List<InetSocketAddress> rasAddress, List<AliasAddress> terminalAlias, Optional<String> gatekeeperIdentifier,
            Optional<Long> timeToLive, boolean keepAlive, Optional<String> endpointIdentifier,
            List<SequenceValue> tokens) implements RasMessage {
        public RegistrationRequest {
            tokens = List.copyOf(tokens);
        }
    }

    record RegistrationConfirm(int requestSeqNum, List<InetSocketAddress> callSignalAddress,
            List<AliasAddress> terminalAlias, Optional<String> gatekeeperIdentifier, String endpointIdentifier,
            Optional<Long> timeToLive) implements RasMessage {
    }

    record RegistrationReject(int requestSeqNum, String rejectReason, Optional<String> gatekeeperIdentifier)
            implements RasMessage {
    }

    record UnregistrationRequest(int requestSeqNum, List<InetSocketAddress> callSignalAddress,
            List<AliasAddress> endpointAlias, Optional<String> endpointIdentifier, Optional<String> gatekeeperIdentifier,
            Optional<String> reason) implements RasMessage {
    }

    record UnregistrationConfirm(int requestSeqNum) implements RasMessage {
    }

    record UnregistrationReject(int requestSeqNum, String rejectReason) implements RasMessage {
    }

    record AdmissionRequest(int requestSeqNum, Optional<String> callModel, String endpointIdentifier,
            List<AliasAddress> destinationInfo, Optional<InetSocketAddress> destCallSignalAddress,
            List<AliasAddress> srcInfo, Optional<InetSocketAddress> srcCallSignalAddress, long bandWidth,
            int callReferenceValue, byte[] conferenceID, boolean answerCall, Optional<byte[]> callIdentifier,
            Optional<String> gatekeeperIdentifier, List<SequenceValue> tokens) implements RasMessage {
        public AdmissionRequest {
            tokens = List.copyOf(tokens);
        }
    }

    record AdmissionConfirm(int requestSeqNum, long bandWidth, String callModel, InetSocketAddress destCallSignalAddress,
            Optional<Integer> irrFrequency) implements RasMessage {
    }

    record AdmissionReject(int requestSeqNum, String rejectReason) implements RasMessage {
    }

    record DisengageRequest(int requestSeqNum, String endpointIdentifier, byte[] conferenceID, int callReferenceValue,
            String disengageReason, Optional<byte[]> callIdentifier, Optional<String> gatekeeperIdentifier,
            boolean answeredCall) implements RasMessage {
    }

    record DisengageConfirm(int requestSeqNum) implements RasMessage {
    }

    record DisengageReject(int requestSeqNum, String rejectReason) implements RasMessage {
    }

    record InfoRequest(int requestSeqNum, int callReferenceValue, Optional<InetSocketAddress> replyAddress)
            implements RasMessage {
    }

    record InfoRequestResponse(int requestSeqNum, String endpointIdentifier, InetSocketAddress rasAddress,
            List<InetSocketAddress> callSignalAddress, List<AliasAddress> endpointAlias, boolean needResponse,
            boolean unsolicited) implements RasMessage {
    }

    /** Any other RAS message (bandwidth, location, resource availability, …): kept as decoded. */
    record Unsupported(int requestSeqNum, String name, ChoiceValue pdu) implements RasMessage {
    }
}
