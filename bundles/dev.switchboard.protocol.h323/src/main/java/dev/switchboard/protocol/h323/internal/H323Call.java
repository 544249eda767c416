package dev.switchboard.protocol.h323.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.call.capability.AudioLevelMeter;
import dev.switchboard.core.call.capability.Dtmf;
import dev.switchboard.core.call.capability.Hold;
import dev.switchboard.core.call.capability.Mute;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;
import dev.switchboard.protocol.h323.internal.cs.CallSignalling;
import dev.switchboard.protocol.h323.internal.cs.CallSignalling.CallIdentity;
import dev.switchboard.protocol.h323.internal.cs.CallSignalling.H245Tunnel;
import dev.switchboard.protocol.h323.internal.cs.CallSignalling.Received;
import dev.switchboard.protocol.h323.internal.cs.Q931Message;
import dev.switchboard.protocol.h323.internal.cs.Tpkt;
import dev.switchboard.protocol.h323.internal.h245.AudioCapability;
import dev.switchboard.protocol.h323.internal.h245.Coding;
import dev.switchboard.protocol.h323.internal.h245.H245Asn;
import dev.switchboard.protocol.h323.internal.h245.H245Messages;
import dev.switchboard.protocol.h323.internal.h245.H245Messages.Channel;
import dev.switchboard.protocol.h323.internal.per.Asn;
import dev.switchboard.protocol.h323.internal.per.AsnNull;
import dev.switchboard.protocol.h323.internal.per.ChoiceValue;
import dev.switchboard.protocol.h323.internal.per.PerException;
import dev.switchboard.protocol.h323.internal.per.SequenceValue;
import dev.switchboard.protocol.h323.internal.ras.AliasAddress;
import dev.switchboard.protocol.h323.internal.ras.H225Asn;
import dev.switchboard.protocol.h323.internal.ras.RasMessage;

/**
 * One H.323 call (H.323 8.1-8.5) as one explicit state machine ({@link Phase}). Outgoing: (ARQ →)
 * TCP connect → Setup with fastStart proposals → CallProceeding → Alerting → Connect (fastStart
 * answer or slow start) → H.245 over the tunnel or a separate connection. Incoming: Setup (→ ARQ)
 * → CallProceeding + Alerting → Connect when answered. Ends with EndSessionCommand and
 * ReleaseComplete (→ DRQ). Every public method only queues work on the session's loop, so the
 * core may call back into the leg from a listener; readers hand what they read to the same loop.
 */
final class H323Call implements CallLeg, Dtmf, Mute, Hold, AudioLevelMeter {
    private static final Logger LOG = System.getLogger(H323Call.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Numbers of our fastStart forward proposals and slow-start forward channel; reverse proposals use 1. */
    private static final int FIRST_FORWARD_CHANNEL = 101;
    private static final int REVERSE_PROPOSAL_CHANNEL = 1;
    private static final int DTMF_MILLIS = 100;
    /** How often a call we place may be forwarded before we give up (forwarding loops). */
    private static final int MAX_FORWARDS = 5;
    /** Numbers of the forward channels we open again after the peer took us off hold. */
    private static final int FIRST_REOPENED_CHANNEL = 201;
    /** The RTP payload type we receive RFC 2833 telephone events on, as h323plus and most stacks use. */
    static final int TELEPHONE_EVENT_PAYLOAD_TYPE = 101;

    /**
     * Master/slave determination (H.245 8.2, its SDL in C.2): a side that sent the request and gets the
     * ack answers with an ack of its own; a side that acknowledged the peer's request is done when its
     * ack is acknowledged. When both send requests at once (as both do when H.245 starts), each acks the
     * other's and both are done on the other's ack.
     */
    enum MasterSlave {
        IDLE,
        /** We sent masterSlaveDetermination and wait for its ack. */
        OUTGOING_AWAITING_RESPONSE,
        /** We acknowledged the peer's request and wait for the peer's ack. */
        INCOMING_AWAITING_RESPONSE,
        DETERMINED
    }

    enum Phase {
        /** Outgoing: admission asked or TCP connecting, Setup not yet sent. */
        STARTING,
        /** Outgoing: Setup sent. */
        CALLING,
        /** Outgoing: CallProceeding received. */
        PROCEEDING,
        RINGING_OUT,
        RINGING_IN,
        CONNECTED,
        ENDED
    }

    private final H323Session session;
    private final boolean outgoing;
    private final Participant remote;
    private final CallIdentity identity;
    private final String id;
    private CallLegListener listener;
    private Phase phase;
    private Socket signalling;
    private OutputStream signallingOut;
    /** Volatile: mute state and levels are read from other threads (a front end's meters). */
    private volatile CallMedia media;
    private boolean mediaStarted;
    private AudioCapability codec;
    /** How we send the codec: the payload type and (iLBC) frame length our channel names. */
    private Coding sending;
    private boolean admitted;
    private int forwards;

    // H.245 (H.245 8.2-8.6): capability exchange, master/slave determination, logical channels
    private boolean tunnelling;
    private boolean h245Started;
    private Socket h245Socket;
    private OutputStream h245Out;
    private ServerSocket h245Listener;
    private final List<byte[]> pendingTunnelled = new ArrayList<>();
    private boolean holdTunnel;
    private int outgoingTcsSequence;
    private int statusDeterminationNumber = RANDOM.nextInt(1 << 24);
    private MasterSlave masterSlave = MasterSlave.IDLE;
    private List<AudioCapability> peerReceives = List.of();
    /** The mode (frame length) of the peer's iLBC receive capability, if it names one. */
    private Optional<Integer> peerIlbcMode = Optional.empty();
    private boolean peerTakesAlphanumeric = true;
    private boolean forwardChannelOpened;
    /** The number of our open transmit channel (H.245 forwardLogicalChannelNumber), for closing it on hold. */
    private int forwardChannelNumber = FIRST_FORWARD_CHANNEL;
    private int nextReopenedChannel = FIRST_REOPENED_CHANNEL;
    /** RFC 2833 in the media: both sides listed receiveRTPAudioTelephonyEventCapability. */
    private boolean telephoneEvents;
    /** Hold (H.323 8.4.6): we sent the empty capability set / the peer sent it to us. */
    private boolean heldByUs;
    private boolean heldByPeer;
    private InetSocketAddress peerRtcp;

    // fastStart
    private List<byte[]> fastStartAnswer = List.of();
    /** Incoming: where the caller receives, from its fastStart proposal; our audio starts only when we answer. */
    private InetSocketAddress callerRtp;
    private InetSocketAddress callerRtcp;

    private H323Call(H323Session session, boolean outgoing, Participant remote, CallIdentity identity) {
        this.session = session;
        this.outgoing = outgoing;
        this.remote = remote;
        this.identity = identity;
        this.id = session.accountId() + "-" + identity.callReference();
        this.phase = outgoing ? Phase.STARTING : Phase.RINGING_IN;
    }

    static CallIdentity newIdentity(int callReference) {
        byte[] conference = new byte[16];
        byte[] call = new byte[16];
        RANDOM.nextBytes(conference);
        RANDOM.nextBytes(call);
        return new CallIdentity(callReference, conference, call);
    }

    /** Starts an outgoing call to {@code destination} at {@code address} (or where the gatekeeper admits it). */
    static H323Call dial(H323Session session, String label, List<AliasAddress> destination,
            Optional<InetSocketAddress> address, CallLegListener listener) {
        H323Call call = new H323Call(session, true, new Participant(label, ""), newIdentity(session.nextCallReference()));
        call.listener = listener;
        session.loop().execute(() -> call.start(destination, address));
        return call;
    }

    /** An incoming connection: reads the Setup and lets the session announce the call. */
    static void accept(H323Session session, Socket socket) {
        Thread.ofVirtual().name("h323-incoming-" + session.accountId()).start(() -> {
            try {
                socket.setTcpNoDelay(true);
                InputStream in = socket.getInputStream();
                Received setup = CallSignalling.read(Tpkt.read(in));
                if (setup.messageType() != Q931Message.SETUP || !"setup".equals(setup.body())) {
                    LOG.log(Level.WARNING, "H.323 connection from {0} did not start with a Setup", socket.getRemoteSocketAddress());
                    socket.close();
                    return;
                }
                CallIdentity identity = new CallIdentity(setup.callReference(),
                        setup.conferenceId().orElseGet(() -> newIdentity(0).conferenceId()),
                        setup.callId().orElseGet(() -> newIdentity(0).callId()));
                List<AliasAddress> source = setup.aliases("sourceAddress");
                String address = source.stream().map(AliasAddress::value).findFirst()
                        .orElse(((InetSocketAddress) socket.getRemoteSocketAddress()).getAddress().getHostAddress());
                H323Call call = new H323Call(session, false, new Participant(address, setup.displayName().orElse("")), identity);
                call.signalling = socket;
                call.signallingOut = socket.getOutputStream();
                session.loop().execute(() -> call.incomingSetup(setup));
                call.readSignalling(socket, in);
            } catch (IOException | PerException e) {
                if (!socket.isClosed()) { // else we closed it ourselves: the call or the session ended
                    LOG.log(Level.WARNING, "bad H.323 call from " + socket.getRemoteSocketAddress() + ": " + e.getMessage());
                }
                closeQuietly(socket);
            }
        });
    }

    String id() {
        return id;
    }

    Phase phase() {
        return phase;
    }

    /** RTP packets received from the peer (tests). */
    long packetsReceived() {
        return media == null ? 0 : media.packetsReceived();
    }

    // ---------------------------------------------------------------- outgoing

    private void start(List<AliasAddress> destination, Optional<InetSocketAddress> address) {
        if (session.gatekeeperRegistered()) {
            session.ras().admit(destination, address, identity.callReference(), identity.conferenceId(),
                    identity.callId(), false, 1280).whenComplete((answer, failure) -> session.loop().execute(() -> {
                        if (phase != Phase.STARTING) {
                            return;
                        }
                        if (failure != null) {
                            finish(new EndReason(EndReason.Kind.FAILED, "gatekeeper did not admit the call: "
                                    + failure.getMessage()));
                        } else if (answer instanceof RasMessage.AdmissionConfirm acf) {
                            admitted = true;
                            connect(destination, acf.destCallSignalAddress());
                        } else if (answer instanceof RasMessage.AdmissionReject arj) {
                            finish(new EndReason(EndReason.Kind.FAILED, "gatekeeper rejected the call: " + arj.rejectReason()));
                        }
                    }));
        } else if (address.isPresent()) {
            connect(destination, address.get());
        } else {
            finish(new EndReason(EndReason.Kind.FAILED, "no gatekeeper to find " + remote.address()));
        }
    }

    private void connect(List<AliasAddress> destination, InetSocketAddress address) {
        try {
            media = openMedia();
        } catch (Exception e) {
            finish(new EndReason(EndReason.Kind.FAILED, "audio: " + e.getMessage()));
            return;
        }
        Thread.ofVirtual().name("h323-call-" + id).start(() -> {
            Socket socket = new Socket();
            try {
                socket.bind(new InetSocketAddress(session.settings().bind().getAddress(), 0));
                socket.connect(address, 5000);
                socket.setTcpNoDelay(true);
            } catch (IOException e) {
                closeQuietly(socket);
                session.loop().execute(() -> finish(new EndReason(EndReason.Kind.FAILED,
                        "cannot reach " + address + ": " + e.getMessage())));
                return;
            }
            session.loop().execute(() -> sendSetup(socket, destination, address));
            try {
                readSignalling(socket, socket.getInputStream());
            } catch (IOException e) {
                session.loop().execute(() -> {
                    if (signalling == socket) { // not a connection we left when the call was forwarded
                        signallingLost(e);
                    }
                });
            }
        });
    }

    private void sendSetup(Socket socket, List<AliasAddress> destination, InetSocketAddress address) {
        if (phase != Phase.STARTING) {
            closeQuietly(socket);
            return;
        }
        try {
            signalling = socket;
            signallingOut = socket.getOutputStream();
        } catch (IOException e) {
            finish(new EndReason(EndReason.Kind.FAILED, e.getMessage()));
            return;
        }
        List<byte[]> proposals = new ArrayList<>();
        if (session.settings().fastStart()) {
            // H.323 8.1.7.1: per codec, the channel we receive (reverse) and the one we send (forward)
            int forward = FIRST_FORWARD_CHANNEL;
            for (AudioCapability c : session.codecs()) {
                proposals.add(H245Asn.OPEN_LOGICAL_CHANNEL.encode(H245Messages.reverseChannel(REVERSE_PROPOSAL_CHANNEL, c,
                        Optional.of(media.localRtp()), media.localRtcp())));
                proposals.add(H245Asn.OPEN_LOGICAL_CHANNEL.encode(H245Messages.forwardChannel(forward++, c,
                        Optional.empty(), media.localRtcp())));
            }
        }
        tunnelling = session.settings().tunnelling();
        H323Settings s = session.settings();
        send(CallSignalling.setup(identity, s.displayName(), s.aliases(), destination, Optional.of(address),
                (InetSocketAddress) socket.getLocalSocketAddress(), proposals, session.setupCryptoTokens(),
                H245Tunnel.of(tunnelling)));
        phase = Phase.CALLING;
    }

    // ---------------------------------------------------------------- incoming

    private void incomingSetup(Received setup) {
        tunnelling = session.settings().tunnelling() && setup.h245Tunnelling();
        Optional<H323Session.SetupRefusal> refusal = session.refuseSetup(setup.cryptoTokens(), setup.aliases("sourceAddress"));
        if (refusal.isPresent()) {
            String why = refusal.get().why();
            LOG.log(Level.WARNING, "H.323 call from {0} refused: {1}", remote.address(), why);
            ChoiceValue reason = refusal.get().securityError()
                    .map(error -> Asn.choose(H225Asn.RELEASE_COMPLETE_REASON, "securityError",
                            Asn.choose(H225Asn.SECURITY_ERRORS, error, AsnNull.NULL)))
                    .orElseGet(() -> Asn.choose(H225Asn.RELEASE_COMPLETE_REASON, "securityDenied", AsnNull.NULL));
            send(CallSignalling.releaseComplete(identity, true, reason, CallSignalling.CAUSE_REJECTED, H245Tunnel.of(tunnelling)));
            finish(new EndReason(EndReason.Kind.FAILED, "refused: " + why));
            return;
        }
        try {
            media = openMedia();
        } catch (Exception e) {
            release(Optional.empty(), CallSignalling.CAUSE_INCOMPATIBLE);
            finish(new EndReason(EndReason.Kind.FAILED, "audio: " + e.getMessage()));
            return;
        }
        if (!setup.fastStart().isEmpty()) {
            acceptFastStart(setup.fastStart());
        }
        send(CallSignalling.callProceeding(identity, H245Tunnel.of(tunnelling)));
        if (session.gatekeeperRegistered()) {
            session.ras().admit(setup.aliases("sourceAddress"), Optional.empty(), identity.callReference(),
                    identity.conferenceId(), identity.callId(), true, 1280)
                    .whenComplete((answer, failure) -> session.loop().execute(() -> {
                        if (answer instanceof RasMessage.AdmissionConfirm) {
                            admitted = true;
                            ring(setup);
                        } else if (phase == Phase.RINGING_IN) {
                            release(Optional.of("calledPartyNotRegistered"), CallSignalling.CAUSE_REJECTED);
                            finish(new EndReason(EndReason.Kind.FAILED, "gatekeeper did not admit the incoming call"));
                        }
                    }));
        } else {
            ring(setup);
        }
        for (byte[] pdu : setup.h245Control()) { // H.245 the caller tunnelled in its Setup
            h245Received(pdu);
        }
    }

    private void ring(Received setup) {
        if (phase != Phase.RINGING_IN) {
            return;
        }
        send(CallSignalling.alerting(identity, List.of(), H245Tunnel.of(tunnelling)));
        CallLegListener announced = session.announce(this, remote);
        if (announced != null && phase == Phase.RINGING_IN) {
            listener = announced;
        } else if (announced == null && phase == Phase.RINGING_IN) {
            release(Optional.empty(), CallSignalling.CAUSE_REJECTED);
            finish(EndReason.of(EndReason.Kind.REJECTED));
        }
    }

    /**
     * Picks, in the caller's order of preference, the first codec we have that the caller offers both
     * ways, and prepares the answer (H.323 8.1.7.1): the caller's reverse proposal with our RTCP, the
     * caller's forward proposal with where we receive.
     */
    private void acceptFastStart(List<byte[]> proposals) {
        List<Channel> channels = new ArrayList<>();
        for (byte[] proposal : proposals) {
            try {
                channels.add(H245Messages.channel((SequenceValue) H245Asn.OPEN_LOGICAL_CHANNEL.decode(proposal)));
            } catch (PerException e) {
                LOG.log(Level.DEBUG, "fastStart proposal not understood: {0}", e.getMessage());
            }
        }
        List<AudioCapability> ours = session.codecs();
        for (Channel reverse : channels) {
            if (!reverse.reverse() || reverse.codec().isEmpty() || !ours.contains(reverse.codec().get())
                    || reverse.rtp().isEmpty()) {
                continue;
            }
            Optional<Channel> forward = channels.stream().filter(c -> !c.reverse() && c.codec().equals(reverse.codec()))
                    .findFirst();
            if (forward.isEmpty()) {
                continue;
            }
            codec = reverse.codec().get();
            // each channel as its proposal names it: we send in the reverse one, the caller in its forward one
            sending = reverse.coding().orElseThrow();
            Coding callerSends = forward.get().coding().orElseThrow();
            media.receivePayloadType(callerSends.payloadType());
            forwardChannelNumber = FIRST_FORWARD_CHANNEL;
            fastStartAnswer = List.of(
                    H245Asn.OPEN_LOGICAL_CHANNEL.encode(H245Messages.reverseChannel(FIRST_FORWARD_CHANNEL, sending,
                            Optional.empty(), media.localRtcp())),
                    H245Asn.OPEN_LOGICAL_CHANNEL.encode(H245Messages.forwardChannel(forward.get().number(), callerSends,
                            Optional.of(media.localRtp()), media.localRtcp())));
            callerRtp = reverse.rtp().get();
            callerRtcp = reverse.rtcp().orElse(null);
            forwardChannelOpened = true;
            return;
        }
    }

    // ---------------------------------------------------------------- CallLeg

    @Override
    public Participant remote() {
        return remote;
    }

    @Override
    public Optional<String> codec() {
        AudioCapability c = codec;
        return mediaStarted && c != null ? Optional.of(c.encodingName() + "/8000") : Optional.empty();
    }

    @Override
    public void answer() {
        session.loop().execute(() -> {
            if (phase != Phase.RINGING_IN) {
                return;
            }
            Optional<InetSocketAddress> h245Address = Optional.empty();
            if (!tunnelling) {
                try {
                    h245Address = Optional.of(listenForH245());
                } catch (IOException e) {
                    release(Optional.empty(), CallSignalling.CAUSE_INCOMPATIBLE);
                    finish(new EndReason(EndReason.Kind.FAILED, "cannot open an H.245 port: " + e.getMessage()));
                    return;
                }
            }
            send(CallSignalling.connect(identity, session.settings().displayName(), h245Address, fastStartAnswer,
                    H245Tunnel.of(tunnelling)));
            phase = Phase.CONNECTED;
            if (callerRtp != null) { // not before: nothing of our microphone reaches the caller while ringing
                startMedia(callerRtp, callerRtcp);
            }
            if (mediaStarted) { // the codec first, so the CONNECTED report already shows it
                listener.codecChanged(codec().orElseThrow());
            }
            listener.stateChanged(CallState.CONNECTED);
            if (tunnelling) {
                startH245();
            }
        });
    }

    @Override
    public void reject(String detail) {
        session.loop().execute(() -> {
            if (phase != Phase.RINGING_IN) {
                return;
            }
            boolean busy = detail != null && detail.toLowerCase(java.util.Locale.ROOT).contains("busy");
            release(Optional.empty(), busy ? CallSignalling.CAUSE_BUSY : CallSignalling.CAUSE_REJECTED);
            finish(EndReason.of(EndReason.Kind.REJECTED));
        });
    }

    /**
     * Forwards a ringing incoming call (H.225.0 7.4): Facility callForwarded naming the new
     * destination, then ReleaseComplete facilityCallDeflection; the caller calls the target itself.
     */
    @Override
    public void forward(String target) {
        H323Session.Target to = session.target(target);
        session.loop().execute(() -> {
            if (phase != Phase.RINGING_IN) {
                return;
            }
            send(CallSignalling.forwardingFacility(identity, to.direct(), to.destination(), H245Tunnel.of(tunnelling)));
            release(Optional.of("facilityCallDeflection"), CallSignalling.CAUSE_NORMAL);
            finish(new EndReason(EndReason.Kind.FORWARDED, to.label()));
        });
    }

    /**
     * The callee forwarded the call we placed (Facility callForwarded before Connect): we release that
     * connection and call the alternative address or aliases instead, through the gatekeeper when
     * registered, as one call for the user.
     */
    private void forwarded(Received facility) {
        List<AliasAddress> destination = facility.aliases("alternativeAliasAddress");
        Optional<InetSocketAddress> address = facility.alternativeAddress();
        if (destination.isEmpty() && address.isEmpty()) {
            hangupFailed("the far end forwarded the call without saying where to");
            return;
        }
        if (++forwards > MAX_FORWARDS) {
            hangupFailed("forwarded more than " + MAX_FORWARDS + " times");
            return;
        }
        LOG.log(Level.INFO, "H.323 call {0} forwarded to {1} {2}", id, destination, address.map(String::valueOf).orElse(""));
        release(Optional.of("facilityCallDeflection"), CallSignalling.CAUSE_NORMAL);
        closeQuietly(signalling);
        signalling = null;
        signallingOut = null;
        if (media != null) {
            media.close(); // early media of the old callee, if any; connect opens a fresh session
            media = null;
        }
        mediaStarted = false;
        codec = null;
        sending = null;
        forwardChannelOpened = false;
        if (admitted && session.ras() != null) {
            session.ras().disengage(identity.callReference(), identity.conferenceId(), identity.callId(), false);
            admitted = false;
        }
        phase = Phase.STARTING;
        start(destination, address);
    }

    /** Whether this call is the one a RAS message names: by call identifier when given, else conference and call reference. */
    boolean identifiedBy(Optional<byte[]> callIdentifier, byte[] conferenceId, int callReference) {
        if (callIdentifier.isPresent()) {
            return java.util.Arrays.equals(callIdentifier.get(), identity.callId());
        }
        return java.util.Arrays.equals(conferenceId, identity.conferenceId()) && callReference == identity.callReference();
    }

    /**
     * The gatekeeper disengaged the call (its DRQ, already confirmed): we end it as a hang-up (H.225.0
     * 7.10), without a DRQ of our own.
     */
    void disengagedByGatekeeper(String reason) {
        if (phase == Phase.ENDED) {
            return;
        }
        LOG.log(Level.INFO, "H.323 call {0} disengaged by the gatekeeper: {1}", id, reason);
        admitted = false;
        if (h245Started) {
            sendH245(H245Messages.endSessionCommand());
        }
        release(Optional.empty(), CallSignalling.CAUSE_NORMAL);
        finish(new EndReason(EndReason.Kind.REMOTE_HANGUP, "the gatekeeper ended the call (" + reason + ")"));
    }

    @Override
    public void hangup() {
        session.loop().execute(this::hangupOnLoop);
    }

    /** On the loop (also when the session closes). */
    void hangupOnLoop() {
        {
            switch (phase) {
                case ENDED -> {
                }
                case STARTING -> finish(EndReason.of(EndReason.Kind.LOCAL_HANGUP));
                case RINGING_IN -> {
                    release(Optional.empty(), CallSignalling.CAUSE_REJECTED);
                    finish(EndReason.of(EndReason.Kind.REJECTED));
                }
                default -> {
                    if (h245Started) {
                        sendH245(H245Messages.endSessionCommand());
                    }
                    release(Optional.empty(), CallSignalling.CAUSE_NORMAL);
                    finish(EndReason.of(EndReason.Kind.LOCAL_HANGUP));
                }
            }
        }
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == Dtmf.class || type == Mute.class || type == Hold.class || type == AudioLevelMeter.class) {
            return Optional.of(type.cast(this));
        }
        return Optional.empty();
    }

    /** DTMF as H.245 userInputIndication (H.323 10.5): alphanumeric when the peer takes it, else signal. */
    @Override
    public void send(String digits) {
        for (char c : digits.toCharArray()) {
            if (Dtmf.DIGITS.indexOf(c) < 0) {
                throw new IllegalArgumentException("not a DTMF digit: " + c);
            }
        }
        session.loop().execute(() -> {
            if (phase != Phase.CONNECTED || !h245Started) {
                LOG.log(Level.WARNING, "DTMF {0} not sent: no H.245 on call {1}", digits, id);
                return;
            }
            for (char c : digits.toCharArray()) {
                if (telephoneEvents && mediaStarted) {
                    media.sendDtmf(c, DTMF_MILLIS);
                } else {
                    sendH245(peerTakesAlphanumeric ? H245Messages.userInputAlphanumeric(String.valueOf(c))
                            : H245Messages.userInputSignal(c, DTMF_MILLIS));
                }
            }
        });
    }

    /**
     * The call's audio, taking RFC 2833 events on the payload type our capability set names from the
     * start: a format change once the media flows would cost a glitch in the audio.
     */
    private CallMedia openMedia() throws Exception {
        CallMedia opened = session.media().open(id, this::mediaDigit);
        if (session.settings().rfc2833()) {
            opened.telephoneEvents(TELEPHONE_EVENT_PAYLOAD_TYPE);
        }
        return opened;
    }

    /** A key the peer sent as RFC 2833 events in the media (from the media engine's thread). */
    private void mediaDigit(char digit) {
        session.loop().execute(() -> {
            if (phase == Phase.CONNECTED && listener != null) {
                listener.dtmfReceived(Character.toUpperCase(digit));
            }
        });
    }

    /**
     * Hold by the empty capability set (H.323 8.4.6): the peer closes the channel it sends on; we stop
     * sending and playing. Resume sends our capabilities again, and the peer reopens its channel.
     */
    @Override
    public void hold() {
        session.loop().execute(() -> ourHold(true));
    }

    @Override
    public void resume() {
        session.loop().execute(() -> ourHold(false));
    }

    private void ourHold(boolean held) {
        if (phase != Phase.CONNECTED || heldByUs == held) {
            return;
        }
        if (!h245Started) {
            LOG.log(Level.WARNING, "H.323 call {0}: no H.245 with the far end, so no hold", id);
            return;
        }
        heldByUs = held;
        sendH245(held ? H245Messages.emptyTerminalCapabilitySet(++outgoingTcsSequence) : ourCapabilities());
        media.direction(!held && !heldByPeer && forwardChannelOpened, !held);
        listener.stateChanged(held ? CallState.ON_HOLD : heldByPeer ? CallState.REMOTE_HOLD : CallState.CONNECTED);
    }

    @Override
    public void mute() {
        session.loop().execute(() -> {
            if (media != null) {
                media.mute(true);
            }
        });
    }

    @Override
    public void unmute() {
        session.loop().execute(() -> {
            if (media != null) {
                media.mute(false);
            }
        });
    }

    @Override
    public boolean muted() {
        CallMedia m = media;
        return m != null && m.muted();
    }

    @Override
    public Levels levels() {
        CallMedia m = media;
        return m == null ? Levels.NONE : m.levels();
    }

    // ---------------------------------------------------------------- call signalling

    /** Reads one call signalling connection; what it reads counts only while it is the call's connection. */
    private void readSignalling(Socket socket, InputStream in) throws IOException {
        while (true) {
            byte[] payload = Tpkt.read(in);
            if (payload.length == 0) {
                continue; // TPKT keep-alive
            }
            Received message;
            try {
                message = CallSignalling.read(payload);
            } catch (PerException e) {
                LOG.log(Level.WARNING, "H.323 call {0}: message not understood: {1}", id, e.getMessage());
                continue;
            }
            session.loop().execute(() -> {
                if (signalling == socket) {
                    try {
                        signallingReceived(message);
                    } catch (PerException e) { // a field the message decoded with but we cannot use
                        hangupFailed("malformed " + message.body() + " from the far end: " + e.getMessage());
                    }
                }
            });
            if (message.messageType() == Q931Message.RELEASE_COMPLETE) {
                return;
            }
        }
    }

    private void signallingLost(IOException e) {
        if (phase != Phase.ENDED) {
            finish(new EndReason(EndReason.Kind.FAILED, "call signalling connection lost: " + e.getMessage()));
        }
    }

    private void signallingReceived(Received message) {
        if (phase == Phase.ENDED) {
            return;
        }
        if (outgoing && !message.h245Tunnelling() && phase.compareTo(Phase.CONNECTED) < 0) {
            tunnelling = false; // the callee does not tunnel: H.245 goes to its h245Address
        }
        switch (message.messageType()) {
            case Q931Message.CALL_PROCEEDING -> {
                if (outgoing && phase == Phase.CALLING) {
                    phase = Phase.PROCEEDING;
                    fastStartAnswered(message.fastStart());
                }
            }
            case Q931Message.PROGRESS -> {
                if (outgoing && phase.compareTo(Phase.CALLING) >= 0 && phase.compareTo(Phase.CONNECTED) < 0) {
                    fastStartAnswered(message.fastStart()); // early media (H.225.0 8.1.7.1: fastStart in Progress)
                }
            }
            case Q931Message.ALERTING -> {
                if (outgoing && (phase == Phase.CALLING || phase == Phase.PROCEEDING)) {
                    phase = Phase.RINGING_OUT;
                    fastStartAnswered(message.fastStart());
                    listener.stateChanged(CallState.RINGING_OUT);
                }
            }
            case Q931Message.CONNECT -> {
                if (outgoing && phase.compareTo(Phase.CALLING) >= 0 && phase.compareTo(Phase.CONNECTED) < 0) {
                    fastStartAnswered(message.fastStart());
                    phase = Phase.CONNECTED;
                    if (mediaStarted) { // the codec first, so the CONNECTED report already shows it
                        listener.codecChanged(codec().orElseThrow());
                    }
                    listener.stateChanged(CallState.CONNECTED);
                    if (!tunnelling && message.h245Address().isPresent()) {
                        connectH245(message.h245Address().get());
                    } else if (tunnelling) {
                        startH245();
                    } else if (!mediaStarted) {
                        hangupFailed("the callee accepted neither fastStart nor offered H.245");
                    }
                }
            }
            case Q931Message.RELEASE_COMPLETE -> finish(endReason(message));
            case Q931Message.FACILITY -> {
                if (outgoing && phase.compareTo(Phase.CONNECTED) < 0
                        && message.facilityReason().filter("callForwarded"::equals).isPresent()) {
                    forwarded(message);
                    return;
                }
                if (message.uuie() != null && "startH245".equals(message.uuie().find("reason")
                        .map(r -> ((ChoiceValue) r).name()).orElse(null)) && message.h245Address().isPresent()) {
                    tunnelling = false;
                    connectH245(message.h245Address().get());
                }
            }
            default -> LOG.log(Level.DEBUG, "H.323 call {0}: ignored Q.931 message 0x{1}", id,
                    Integer.toHexString(message.messageType()));
        }
        for (byte[] pdu : message.h245Control()) {
            h245Received(pdu);
        }
    }

    /** The callee's fastStart answer (in CallProceeding, Alerting or Connect, whichever comes first). */
    private void fastStartAnswered(List<byte[]> answer) {
        if (mediaStarted || answer.isEmpty()) {
            return;
        }
        Optional<InetSocketAddress> rtp = Optional.empty();
        Optional<InetSocketAddress> rtcp = Optional.empty();
        Optional<Coding> chosen = Optional.empty();
        Optional<Coding> calleeSends = Optional.empty();
        for (byte[] olc : answer) {
            try {
                Channel c = H245Messages.channel((SequenceValue) H245Asn.OPEN_LOGICAL_CHANNEL.decode(olc));
                if (!c.reverse()) {
                    rtp = c.rtp();
                    chosen = c.coding();
                    forwardChannelNumber = c.number();
                } else {
                    calleeSends = c.coding();
                }
                if (rtcp.isEmpty()) {
                    rtcp = c.rtcp();
                }
            } catch (PerException e) {
                LOG.log(Level.WARNING, "H.323 call {0}: fastStart answer not understood: {1}", id, e.getMessage());
            }
        }
        if (rtp.isPresent() && chosen.isPresent()) {
            codec = chosen.get().codec();
            sending = chosen.get();
            calleeSends.ifPresent(c -> media.receivePayloadType(c.payloadType()));
            forwardChannelOpened = true;
            startMedia(rtp.get(), rtcp.orElse(null));
        }
    }

    private void startMedia(InetSocketAddress rtp, InetSocketAddress rtcp) {
        if (rtcp != null) {
            peerRtcp = rtcp; // kept for the channel we may open again after hold
        }
        try {
            media.start(sending, rtp, rtcp);
            mediaStarted = true;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "H.323 call " + id + ": audio did not start", e);
        }
    }

    private static EndReason endReason(Received releaseComplete) {
        Optional<String> reason = releaseComplete.releaseReason();
        Optional<Integer> cause = releaseComplete.q850Cause();
        String detail = reason.orElse("") + cause.map(c -> (reason.isPresent() ? ", " : "") + "cause " + c).orElse("");
        if (reason.filter(r -> r.equals("inConf") || r.equals("adaptiveBusy")).isPresent() || cause.filter(c -> c == 17).isPresent()) {
            return new EndReason(EndReason.Kind.BUSY, detail);
        }
        if (cause.filter(c -> c == 18 || c == 19).isPresent()) {
            return new EndReason(EndReason.Kind.NO_ANSWER, detail);
        }
        // a reason naming a failure outweighs the generic "call rejected" cause 21 sent with it
        boolean failureReason = reason.filter(r -> r.equals("calledPartyNotRegistered")
                || r.equals("unreachableDestination") || r.equals("noPermission") || r.equals("securityDenied")
                || r.equals("gatekeeperResources") || r.equals("unreachableGatekeeper") || r.equals("badFormatAddress")
                || r.equals("noBandwidth") || r.startsWith("securityError")).isPresent();
        if (reason.filter(r -> r.equals("destinationRejection")).isPresent()
                || (!failureReason && cause.filter(c -> c == 21).isPresent())) {
            return new EndReason(EndReason.Kind.BUSY, detail.isEmpty() ? "declined" : detail);
        }
        if (failureReason || cause.filter(c -> c == 1 || c == 3 || c == 27 || c == 34 || c == 38 || c == 88).isPresent()) {
            return new EndReason(EndReason.Kind.FAILED, detail);
        }
        return new EndReason(EndReason.Kind.REMOTE_HANGUP, detail);
    }

    private void send(Q931Message message) {
        OutputStream out = signallingOut;
        if (out == null) {
            return;
        }
        try {
            Tpkt.write(out, message.encode());
            out.flush();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "H.323 call {0}: send failed: {1}", id, e.getMessage());
        }
    }

    private void release(Optional<String> reason, int cause) {
        if (signallingOut != null) {
            send(CallSignalling.releaseComplete(identity, !outgoing, reason, cause, H245Tunnel.of(tunnelling)));
        }
    }

    private void hangupFailed(String why) {
        release(Optional.empty(), CallSignalling.CAUSE_INCOMPATIBLE);
        finish(new EndReason(EndReason.Kind.FAILED, why));
    }

    /**
     * Ends the call once: media, connections, DRQ, then the listener. A ringing incoming call the
     * caller gave up on is reported as cancelled (a missed call).
     */
    private void finish(EndReason reason) {
        if (phase == Phase.ENDED) {
            return;
        }
        Phase was = phase;
        phase = Phase.ENDED;
        if (!outgoing && was == Phase.RINGING_IN && reason.kind() == EndReason.Kind.REMOTE_HANGUP) {
            reason = new EndReason(EndReason.Kind.CANCELLED, reason.detail());
        }
        if (media != null) {
            media.close();
        }
        closeQuietly(h245Socket);
        closeQuietly(h245Listener);
        closeQuietly(signalling);
        if (admitted && session.ras() != null) {
            session.ras().disengage(identity.callReference(), identity.conferenceId(), identity.callId(), !outgoing);
        }
        session.ended(this);
        if (listener != null) {
            listener.ended(reason);
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "close failed: {0}", e.getMessage());
        }
    }

    // ---------------------------------------------------------------- H.245

    private InetSocketAddress listenForH245() throws IOException {
        h245Listener = new ServerSocket(0, 1, session.settings().bind().getAddress());
        ServerSocket server = h245Listener;
        Thread.ofVirtual().name("h323-h245-accept-" + id).start(() -> {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                closeQuietly(server);
                session.loop().execute(() -> h245Connected(socket));
                readH245(socket.getInputStream());
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "H.245 listener of {0} closed: {1}", id, e.getMessage());
            }
        });
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void connectH245(InetSocketAddress address) {
        Thread.ofVirtual().name("h323-h245-" + id).start(() -> {
            Socket socket = new Socket();
            try {
                socket.bind(new InetSocketAddress(session.settings().bind().getAddress(), 0));
                socket.connect(address, 5000);
                socket.setTcpNoDelay(true);
                session.loop().execute(() -> h245Connected(socket));
                readH245(socket.getInputStream());
            } catch (IOException e) {
                closeQuietly(socket);
                session.loop().execute(() -> {
                    if (phase != Phase.ENDED && !mediaStarted) {
                        hangupFailed("H.245 connection to " + address + " failed: " + e.getMessage());
                    }
                });
            }
        });
    }

    private void h245Connected(Socket socket) {
        if (phase == Phase.ENDED) {
            closeQuietly(socket);
            return;
        }
        try {
            h245Socket = socket;
            h245Out = socket.getOutputStream();
        } catch (IOException e) {
            hangupFailed("H.245 connection: " + e.getMessage());
            return;
        }
        startH245();
    }

    private void readH245(InputStream in) throws IOException {
        while (true) {
            byte[] pdu = Tpkt.read(in);
            if (pdu.length > 0) {
                session.loop().execute(() -> h245Received(pdu));
            }
        }
    }

    /** Capability exchange and master/slave determination, both started at once (H.245 8.2, 8.3). */
    private void startH245() {
        if (h245Started) {
            return;
        }
        h245Started = true;
        beginPhaseB();
    }

    /**
     * Capability exchange and master/slave determination from the start (H.323 phase B): when H.245
     * starts, and again when a peer that paused us resumes (H.323 8.4.6).
     */
    private void beginPhaseB() {
        holdTunnel = true; // both requests in one Facility
        sendH245(ourCapabilities());
        statusDeterminationNumber = RANDOM.nextInt(1 << 24);
        masterSlave = MasterSlave.OUTGOING_AWAITING_RESPONSE;
        sendH245(H245Messages.masterSlaveDetermination(statusDeterminationNumber));
        holdTunnel = false;
        flushTunnelled();
    }

    /** Our capability set: the codecs, user input, and RFC 2833 telephone events unless DTMF is to go as H.245 only. */
    private ChoiceValue ourCapabilities() {
        return H245Messages.terminalCapabilitySet(++outgoingTcsSequence, session.codecs(),
                session.settings().rfc2833() ? Optional.of(TELEPHONE_EVENT_PAYLOAD_TYPE) : Optional.empty());
    }

    private void sendH245(ChoiceValue message) {
        byte[] pdu = H245Messages.encode(message);
        if (tunnelling) {
            pendingTunnelled.add(pdu);
            if (!holdTunnel) {
                flushTunnelled();
            }
        } else if (h245Out != null) {
            try {
                Tpkt.write(h245Out, pdu);
                h245Out.flush();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "H.245 send on {0} failed: {1}", id, e.getMessage());
            }
        }
    }

    /** Tunnelled H.245 rides in a Facility once the call is connected (H.225.0 7.4). */
    private void flushTunnelled() {
        if (pendingTunnelled.isEmpty() || phase != Phase.CONNECTED) {
            return;
        }
        send(CallSignalling.tunnelOnly(identity, !outgoing, new H245Tunnel(true, List.copyOf(pendingTunnelled))));
        pendingTunnelled.clear();
    }

    private void h245Received(byte[] pdu) {
        if (phase == Phase.ENDED) {
            return;
        }
        ChoiceValue message;
        try {
            message = H245Messages.decode(pdu);
        } catch (PerException e) {
            LOG.log(Level.WARNING, "H.245 message on {0} not understood: {1}", id, e.getMessage());
            return;
        }
        if (!h245Started && phase == Phase.CONNECTED) {
            startH245();
        }
        Object body = H245Messages.body(message);
        switch (H245Messages.kind(message)) {
            case "request.terminalCapabilitySet" -> peerCapabilities((SequenceValue) body);
            case "response.terminalCapabilitySetAck" -> LOG.log(Level.DEBUG, "H.245 capabilities acknowledged on {0}", id);
            case "response.masterSlaveDeterminationAck" -> masterSlaveAcknowledged((SequenceValue) body);
            case "request.masterSlaveDetermination" -> {
                SequenceValue msd = (SequenceValue) body;
                sendH245(H245Messages.masterSlaveDeterminationAck(!weAreMaster(msd)));
                masterSlave = MasterSlave.INCOMING_AWAITING_RESPONSE; // also a peer starting it again (H.323 8.4.6)
            }
            case "request.openLogicalChannel" -> peerOpens((SequenceValue) body);
            case "response.openLogicalChannelAck" -> {
                SequenceValue ack = (SequenceValue) body;
                Optional<InetSocketAddress> rtp = H245Messages.ackMediaChannel(ack);
                if (rtp.isPresent() && codec != null && forwardChannelOpened
                        && ack.getLong("forwardLogicalChannelNumber") == forwardChannelNumber) {
                    startMedia(rtp.get(), peerRtcp);
                    media.direction(!heldByUs && !heldByPeer, !heldByUs);
                    listener.codecChanged(codec().orElseThrow());
                }
            }
            case "response.openLogicalChannelReject" -> hangupFailed("the far end refused our audio channel");
            case "request.closeLogicalChannel" -> sendH245(H245Messages.closeLogicalChannelAck(
                    (int) ((SequenceValue) body).getLong("forwardLogicalChannelNumber")));
            case "response.closeLogicalChannelAck" -> LOG.log(Level.DEBUG, "H.245 channel close acknowledged on {0}", id);
            case "request.roundTripDelayRequest" -> sendH245(H245Messages.roundTripDelayResponse(
                    (int) ((SequenceValue) body).getLong("sequenceNumber")));
            case "command.endSessionCommand" -> {
                sendH245(H245Messages.endSessionCommand());
                release(Optional.empty(), CallSignalling.CAUSE_NORMAL);
                finish(EndReason.of(EndReason.Kind.REMOTE_HANGUP));
            }
            case "indication.userInput" -> {
                for (char c : H245Messages.userInputKeys((ChoiceValue) body).toCharArray()) {
                    if (Dtmf.DIGITS.indexOf(Character.toUpperCase(c)) >= 0 && listener != null) {
                        listener.dtmfReceived(Character.toUpperCase(c));
                    }
                }
            }
            default -> LOG.log(Level.DEBUG, "H.245 {0} ignored on {1}", H245Messages.kind(message), id);
        }
    }

    /**
     * The peer's capability set: the codecs it receives, how it takes DTMF, and hold (H.323 8.4.6): an
     * empty set puts us on hold, so we close the channel we transmit on; the next non-empty set takes us
     * off hold, and we open it again.
     */
    private void peerCapabilities(SequenceValue tcs) {
        sendH245(H245Messages.terminalCapabilitySetAck((int) tcs.getLong("sequenceNumber")));
        if (H245Messages.isEmpty(tcs)) {
            peerHolds(true);
            return;
        }
        peerReceives = H245Messages.receiveAudio(tcs);
        peerIlbcMode = H245Messages.receiveIlbcMode(tcs);
        peerTakesAlphanumeric = takesAlphanumeric(tcs);
        Optional<Integer> events = session.settings().rfc2833() ? H245Messages.telephoneEventPayloadType(tcs) : Optional.empty();
        telephoneEvents = events.isPresent();
        if (events.isPresent()) {
            // one payload type both ways (the media format has one): the peer's, which it receives on;
            // usually the 101 the media already has, which changes nothing
            media.telephoneEvents(events.get());
        }
        if (heldByPeer) {
            peerHolds(false);
        } else {
            openForwardChannel();
        }
    }

    private void peerHolds(boolean held) {
        if (heldByPeer == held || phase != Phase.CONNECTED) {
            return;
        }
        heldByPeer = held;
        if (held) {
            peerReceives = List.of(); // the empty set stands for no receive capabilities until the next set
            if (forwardChannelOpened) {
                sendH245(H245Messages.closeLogicalChannel(forwardChannelNumber));
                forwardChannelOpened = false;
            }
            media.direction(false, !heldByUs); // the holder may play music to us
        } else {
            // H.323 8.4.6: a non-empty set ends the pause, and H.245 starts over as at the beginning of
            // phase B: capability exchange and master/slave determination, then our channel again
            forwardChannelNumber = nextReopenedChannel++;
            beginPhaseB();
        }
        if (!heldByUs) {
            listener.stateChanged(held ? CallState.REMOTE_HOLD : CallState.CONNECTED);
        }
    }

    @SuppressWarnings("unchecked")
    private static boolean takesAlphanumeric(SequenceValue tcs) {
        boolean alphanumeric = false;
        boolean any = false;
        for (Object e : (List<Object>) tcs.find("capabilityTable").orElse(List.of())) {
            Optional<Object> capability = ((SequenceValue) e).find("capability");
            if (capability.isPresent() && ((ChoiceValue) capability.get()).name() != null
                    && ((ChoiceValue) capability.get()).name().endsWith("UserInputCapability")) {
                any = true;
                String kind = ((ChoiceValue) ((ChoiceValue) capability.get()).value()).name();
                alphanumeric |= "basicString".equals(kind) || "iA5String".equals(kind) || "generalString".equals(kind);
            }
        }
        return alphanumeric || !any;
    }

    private void masterSlaveAcknowledged(SequenceValue ack) {
        switch (masterSlave) {
            case OUTGOING_AWAITING_RESPONSE -> {
                // the ack names our role; ours names the peer's, the other one
                boolean weAreMaster = "master".equals(ack.getChoice("decision").name());
                sendH245(H245Messages.masterSlaveDeterminationAck(!weAreMaster));
                masterSlave = MasterSlave.DETERMINED;
            }
            case INCOMING_AWAITING_RESPONSE -> masterSlave = MasterSlave.DETERMINED;
            default -> {
                LOG.log(Level.DEBUG, "H.245 masterSlaveDeterminationAck out of turn on {0}", id);
                return;
            }
        }
        openForwardChannel();
    }

    /** H.245 C.2: the higher terminal type is master; between equals, the status determination numbers decide. */
    private boolean weAreMaster(SequenceValue msd) {
        long theirType = msd.getLong("terminalType");
        if (theirType != H245Messages.TERMINAL_TYPE) {
            return H245Messages.TERMINAL_TYPE > theirType;
        }
        long difference = (msd.getLong("statusDeterminationNumber") - statusDeterminationNumber) & 0xFFFFFF;
        return difference != 0 && difference < 0x800000;
    }

    /**
     * Slow start: once the peer's capabilities are known and master/slave determination is over (so
     * no conflicting channels, H.245 8.4), open our audio channel in the first codec the peer receives.
     */
    private void openForwardChannel() {
        if (forwardChannelOpened || heldByPeer || peerReceives.isEmpty() || masterSlave != MasterSlave.DETERMINED || phase != Phase.CONNECTED) {
            return;
        }
        List<AudioCapability> ours = session.codecs();
        Optional<AudioCapability> common = codec != null && peerReceives.contains(codec) ? Optional.of(codec)
                : peerReceives.stream().filter(ours::contains).findFirst();
        if (common.isEmpty()) {
            hangupFailed("no audio codec in common with the far end");
            return;
        }
        codec = common.get();
        // our own payload type; iLBC in the mode the peer's receive capability names (20 ms if it asks for it)
        sending = Coding.of(codec, codec.payloadType(), peerIlbcMode.orElse(H245Messages.ILBC_MODE_MILLIS));
        forwardChannelOpened = true;
        sendH245(H245Messages.openLogicalChannel(H245Messages.forwardChannel(forwardChannelNumber, sending,
                Optional.empty(), media.localRtcp())));
    }

    /** The peer opens its channel to us: we receive at our RTP address if we can decode its codec. */
    private void peerOpens(SequenceValue olc) {
        Channel channel = H245Messages.channel(olc);
        if (channel.codec().isEmpty() || !session.codecs().contains(channel.codec().get())) {
            sendH245(H245Messages.openLogicalChannelReject(channel.number()));
            return;
        }
        peerRtcp = channel.rtcp().orElse(peerRtcp);
        if (codec == null) {
            codec = channel.codec().get();
        }
        media.receivePayloadType(channel.coding().orElseThrow().payloadType());
        sendH245(H245Messages.openLogicalChannelAck(channel.number(), media.localRtp(), media.localRtcp()));
    }

    @Override
    public String toString() {
        return "H323Call[" + id + " " + phase + (outgoing ? " to " : " from ") + remote.address() + "]";
    }
}
