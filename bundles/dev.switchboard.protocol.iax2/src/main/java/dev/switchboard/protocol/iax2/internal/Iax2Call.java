package dev.switchboard.protocol.iax2.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;

import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.call.capability.Dtmf;
import dev.switchboard.core.call.capability.AudioLevelMeter;
import dev.switchboard.core.call.capability.Hold;
import dev.switchboard.core.call.capability.Mute;
import dev.switchboard.core.call.capability.QualityIndicator;
import dev.switchboard.core.call.capability.Transfer;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;
import dev.switchboard.media.session.MediaQuality;

/**
 * One IAX2 call (RFC 5456 section 6.2-6.6) as one explicit state machine ({@link Phase}) plus the
 * two hold flags. Outgoing: NEW (CALLTOKEN → NEW again with the token; AUTHREQ → AUTHREP) →
 * ACCEPT → RINGING → ANSWER. Incoming: NEW (→ AUTHREQ → AUTHREP when we challenge the caller) →
 * ACCEPT + RINGING, ANSWER when the user answers. Every public method only queues work on the
 * endpoint's loop, so the core may call back into the leg from a listener.
 */
final class Iax2Call implements CallLeg, DialogHandler, Hold, Mute, Dtmf, Transfer, QualityIndicator, AudioLevelMeter {
    private static final Logger LOG = System.getLogger(Iax2Call.class.getName());
    static final Duration PING_INTERVAL = Duration.ofSeconds(10);
    static final Duration DTMF_TONE = Duration.ofMillis(100);
    /** Q.850 causes for HANGUP: normal clearing, user busy, no circuit (congestion). */
    static final int CAUSE_NORMAL = 16;
    static final int CAUSE_BUSY = 17;
    static final int CAUSE_CONGESTION = 34;
    /** Q.850 "facility not subscribed", with which Asterisk rejects a caller who fails its challenge. */
    static final int CAUSE_NOT_AUTHORISED = 50;
    /**
     * How long the server may take to carry out a TRANSFER (it hangs our leg up when it has); after
     * that the call is connected again, as Asterisk leaves it when the target does not exist.
     */
    static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(10);
    private static final SecureRandom CHALLENGES = new SecureRandom();

    /** Where the text frames of a call go: the session turns them into chat messages. */
    interface TextSink {
        void textReceived(Iax2Call call, String text);
    }

    enum Phase {
        /** Incoming NEW answered with AUTHREQ; the core hears of the call only after a correct AUTHREP. */
        CHALLENGED,
        /** NEW sent, no ACCEPT yet. */
        CALLING,
        /** ACCEPT received, waiting for RINGING or ANSWER. */
        ACCEPTED,
        RINGING_OUT,
        RINGING_IN,
        CONNECTED,
        TRANSFERRING,
        ENDED
    }

    /**
     * Call path optimisation (RFC 5456 section 6.3), beside the call's phase: the server asked us
     * (TXREQ) to reach the far end directly; TXCNT sent until its TXACC, then TXREADY sent until the
     * server's TXREL moves the call (or its TXREJ, or our TXREJ after no TXACC, leaves it with the server).
     */
    enum PathTransfer {
        NONE,
        /** TXCNT sent to the far end, waiting for its TXACC. */
        CONNECTING,
        /** TXACC received and TXREADY sent, waiting for the server's TXREL. */
        READY
    }

    private final Iax2Endpoint endpoint;
    private final Iax2Settings settings;
    private final char[] secret;
    private final boolean outgoing;
    private final Participant remote;
    private final CallMedia.Factory mediaFactory;
    private final String id;
    private final TextSink texts;
    private CallLegListener listener;
    private Iax2Address dialled;
    private java.util.function.Function<Iax2Call, CallLegListener> announce;
    /** Where an incoming call's MD5 challenges come from (random outside replay tests); unused outgoing. */
    private java.util.function.Supplier<String> challenges;
    private Dialog dialog;
    private Phase phase;
    private boolean heldByUs;
    private boolean heldByPeer;
    private volatile long format;
    /** Read by the UI thread for the quality icon, otherwise only on the loop. */
    private volatile CallMedia media;
    private PathTransfer pathTransfer = PathTransfer.NONE;
    private long voiceOffset = -1;
    /** Added to received voice timestamps, so the media clock runs on when the far end's clock changes (TXREL). */
    private long receiveOffset;
    private boolean rebaseReceivedVoice;
    private long lastReceivedVoice = -1;
    private boolean sentFullVoice;
    private byte[] callToken;
    private boolean authenticated;
    private ScheduledFuture<?> pinger;
    private ScheduledFuture<?> transferTimer;
    /** An incoming call we encrypt: our AUTHREQ offers AES-128 and its challenge gives the key. */
    private boolean encrypting;
    /** The MD5 challenge we sent an incoming caller, while {@link Phase#CHALLENGED}. */
    private String challenge;
    private FullFrame challengedNew;
    private long pingSentNanos;
    private volatile double roundTripMillis = Double.NaN;

    private Iax2Call(Iax2Endpoint endpoint, Iax2Settings settings, char[] secret, boolean outgoing, Participant remote,
            CallMedia.Factory mediaFactory, String id, TextSink texts) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.secret = secret;
        this.outgoing = outgoing;
        this.remote = remote;
        this.mediaFactory = mediaFactory;
        this.id = id;
        this.texts = texts;
    }

    /** A call we place; NEW goes out on the loop. */
    static Iax2Call dial(Iax2Endpoint endpoint, Iax2Settings settings, char[] secret, Iax2Address address,
            CallMedia.Factory mediaFactory, CallLegListener listener, String id, TextSink texts) {
        Iax2Call call = new Iax2Call(endpoint, settings, secret, true,
                new Participant(address.text(), ""), mediaFactory, id, texts);
        call.listener = listener;
        call.dialled = address;
        call.phase = Phase.CALLING;
        endpoint.execute(() -> call.sendNew(address));
        return call;
    }

    /**
     * A call the peer placed (loop thread); the core is asked ({@code announce}) once the NEW is
     * accepted. A {@code direct} caller (not the server we register with, which authenticated its
     * callers) must first answer an MD5 challenge with the account's {@code secret} when it has one;
     * an encrypted call is challenged even from the server, as the key comes from the challenge.
     */
    static Iax2Call incoming(Iax2Endpoint endpoint, Iax2Settings settings, char[] secret, boolean direct,
            Dialog dialog, FullFrame newFrame, CallMedia.Factory mediaFactory, String id,
            java.util.function.Function<Iax2Call, CallLegListener> announce, TextSink texts,
            java.util.function.Supplier<String> challenges) {
        InformationElements elements = newFrame.informationElements();
        String number = elements.string(InformationElement.CALLING_NUMBER).orElse("");
        String name = elements.string(InformationElement.CALLING_NAME).orElse("");
        InetSocketAddress peer = dialog.peer();
        String address = "iax2:" + (number.isEmpty() ? "" : number + "@") + peer.getAddress().getHostAddress() + ":"
                + peer.getPort();
        Iax2Call call = new Iax2Call(endpoint, settings, secret, false, new Participant(address, name),
                mediaFactory, id, texts);
        call.dialog = dialog;
        boolean offered = (elements.number(InformationElement.ENCRYPTION).orElse(0L)
                & InformationElement.ENCRYPT_AES128) != 0;
        call.encrypting = settings.encrypted() && offered && secret.length > 0;
        call.phase = (direct && secret.length > 0) || call.encrypting ? Phase.CHALLENGED : Phase.RINGING_IN;
        call.announce = announce;
        call.challenges = challenges;
        return call;
    }

    /** A fresh MD5 challenge as Asterisk makes them: nine random decimal digits. */
    static String randomChallenge() {
        return String.valueOf(100_000_000 + CHALLENGES.nextInt(900_000_000));
    }

    String id() {
        return id;
    }

    Phase phase() {
        return phase;
    }

    // ---- outgoing set-up ----

    private void sendNew(Iax2Address address) {
        dialog = endpoint.open(address.peer(), this);
        dialog.sendIax(IaxCommand.NEW, newElements(address).empty(InformationElement.CALLTOKEN));
        startPinging();
    }

    private InformationElements.Builder newElements(Iax2Address address) {
        List<Long> formats = mediaFactory.formats();
        InformationElements.Builder elements = InformationElements.builder()
                .u16(InformationElement.VERSION, 2)
                .string(InformationElement.CALLED_NUMBER, address.number());
        settings.context().ifPresent(context -> elements.string(InformationElement.CALLED_CONTEXT, context));
        elements.string(InformationElement.CALLING_NUMBER, settings.callerNumber())
                .string(InformationElement.CALLING_NAME, settings.callerName());
        if (address.viaServer()) {
            elements.string(InformationElement.USERNAME, settings.user());
        }
        long capability = MediaFormats.capability(formats);
        // the 32-bit elements carry the low bits (as Asterisk truncates them); the 64-bit ones only
        // when a format above bit 31 (Opus) is offered, so RFC 5456 peers see the NEW they know
        elements.u32(InformationElement.FORMAT, formats.get(0))
                .u32(InformationElement.CAPABILITY, capability);
        if (MediaFormats.needs64Bits(capability)) {
            elements.u64Versioned(InformationElement.FORMAT2, formats.get(0))
                    .u64Versioned(InformationElement.CAPABILITY2, capability);
        }
        if (settings.encrypted()) {
            // AES-128 without the key-rotation bit (0x8000): we take RTKEY but never send one
            elements.u16(InformationElement.ENCRYPTION, InformationElement.ENCRYPT_AES128);
        }
        return elements;
    }

    // ---- incoming set-up ----

    /**
     * Asks the caller to prove the account's secret (RFC 5456 section 6.2.2), as Asterisk asks: MD5
     * only, a random decimal challenge, the user name the caller gave.
     */
    private boolean challengeCaller(FullFrame newFrame) {
        challengedNew = newFrame;
        challenge = challenges.get();
        InformationElements.Builder request = InformationElements.builder()
                .u16(InformationElement.AUTHMETHODS, InformationElement.AUTH_MD5)
                .string(InformationElement.CHALLENGE, challenge);
        if (encrypting) {
            // AES-128 without key rotation, in Asterisk's order (capture 10: methods, challenge, encryption, user)
            request.u16(InformationElement.ENCRYPTION, InformationElement.ENCRYPT_AES128);
        }
        // the user whose secret is asked for; a caller that named none (Asterisk calling a peer,
        // capture 08) is told it is ours, as Asterisk B told it
        request.string(InformationElement.USERNAME,
                newFrame.informationElements().string(InformationElement.USERNAME).orElse(settings.user()));
        dialog.sendIax(IaxCommand.AUTHREQ, request);
        if (encrypting) {
            dialog.expectEncrypted(Aes128Cipher.fromChallenge(challenge, secret));
        }
        return true;
    }

    /** The caller's answer to our challenge: ring on a correct MD5, else REJECT as Asterisk does. */
    private boolean checkAnswer(FullFrame authrep) {
        byte[] expected = Authentication.md5(challenge, secret).getBytes(StandardCharsets.US_ASCII);
        byte[] given = authrep.informationElements().string(InformationElement.MD5_RESULT).orElse("")
                .toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            refuseChallenged("the caller at {1} failed our challenge; rejected");
            return true;
        }
        if (encrypting && !dialog.encryptedBothWays()) {
            refuseChallenged("the caller at {1} answered our encrypted challenge in clear; rejected");
            return true;
        }
        phase = Phase.RINGING_IN;
        FullFrame newFrame = challengedNew;
        challengedNew = null;
        return acceptAndRing(newFrame);
    }

    /** REJECT of an incoming NEW the core never hears of; cause 58 (bearer capability not available). */
    private void refuseNew(String cause) {
        LOG.log(Level.INFO, "IAX2 call {0} from {1} refused: {2}", id, dialog.peer(), cause);
        dialog.sendIax(IaxCommand.REJECT, InformationElements.builder()
                .string(InformationElement.CAUSE, cause).u8(InformationElement.CAUSECODE, 58));
        dialog.closeWhenDelivered();
        phase = Phase.ENDED;
    }

    /** REJECT "No authority found" (cause 50) to a challenged caller, as Asterisk does; the core never hears of it. */
    private void refuseChallenged(String why) {
        LOG.log(Level.INFO, "IAX2 call {0}: " + why, id, dialog.peer());
        dialog.sendIax(IaxCommand.REJECT, InformationElements.builder()
                .string(InformationElement.CAUSE, "No authority found")
                .u8(InformationElement.CAUSECODE, CAUSE_NOT_AUTHORISED));
        dialog.closeWhenDelivered();
        phase = Phase.ENDED;
    }

    /**
     * A datagram of the challenged caller that the key of our encrypted challenge does not open: it
     * answered with another secret. Refused in clear, as it cannot read our encrypted frames.
     */
    @Override
    public void undecryptable(Dialog from) {
        if (phase == Phase.CHALLENGED && encrypting && !dialog.encryptedBothWays()) {
            refuseChallenged("the caller at {1} encrypts with another secret; rejected");
        }
    }

    /** Accepts the NEW (format chosen), tells the core and rings (loop thread). */
    private boolean acceptAndRing(FullFrame newFrame) {
        InformationElements elements = newFrame.informationElements();
        long preferred = elements.number(InformationElement.FORMAT2).or(() -> elements.number(InformationElement.FORMAT))
                .orElse(0L);
        long capability = elements.number(InformationElement.CAPABILITY2)
                .or(() -> elements.number(InformationElement.CAPABILITY)).orElse(preferred);
        Optional<Long> chosen = MediaFormats.choose(preferred, capability, mediaFactory.formats());
        if (chosen.isEmpty()) {
            refuseNew("No common codec");
            return true;
        }
        format = chosen.get();
        InformationElements.Builder accept = InformationElements.builder().u32(InformationElement.FORMAT, format);
        // a caller that sent the 64-bit IEs gets the 64-bit format back, as Asterisk answers (capture
        // 08); one that did not (libiax2) only when the 32 bits cannot carry it
        if (MediaFormats.needs64Bits(format) || elements.number(InformationElement.FORMAT2).isPresent()
                || elements.number(InformationElement.CAPABILITY2).isPresent()) {
            accept.u64Versioned(InformationElement.FORMAT2, format);
        }
        dialog.sendIax(IaxCommand.ACCEPT, accept);
        dialog.send(FrameType.CONTROL, ControlSubclass.RINGING, new byte[0]);
        startPinging();
        listener = announce.apply(this);
        if (listener == null) {
            end(EndReason.Kind.REJECTED, "", true);
            return true;
        }
        MediaFormats.rtpmap(format).ifPresent(listener::codecChanged);
        return true;
    }

    // ---- frames from the peer ----

    @Override
    public boolean frame(Dialog from, FullFrame frame) {
        if (phase == Phase.ENDED) {
            return false;
        }
        return switch (frame.frameType()) {
            case FrameType.IAX -> iaxFrame(frame);
            case FrameType.CONTROL -> controlFrame(frame);
            case FrameType.VOICE -> {
                if (frame.subclass() != format && MediaFormats.SUPPORTED.contains(frame.subclass())) {
                    changeFormat(frame.subclass());
                }
                deliverVoice(frame.timestamp(), frame.payload());
                yield false;
            }
            case FrameType.DTMF_BEGIN -> false;
            case FrameType.DTMF_END -> {
                digitReceived(frame.rawSubclass());
                yield false;
            }
            case FrameType.TEXT -> {
                textReceived(frame.payload());
                yield false;
            }
            default -> false;
        };
    }

    private boolean iaxFrame(FullFrame frame) {
        InformationElements elements = frame.informationElements();
        switch (frame.rawSubclass()) {
            case IaxCommand.NEW -> {
                if (outgoing || listener != null) {
                    return false;
                }
                if (settings.encrypted() && !encrypting) {
                    // the account wants every call encrypted, as its own calls are
                    refuseNew(secret.length == 0 ? "Encryption needs the account's password"
                            : "Encryption is required");
                    return true;
                }
                return phase == Phase.CHALLENGED ? challengeCaller(frame) : acceptAndRing(frame);
            }
            case IaxCommand.AUTHREP -> {
                return phase == Phase.CHALLENGED && challenge != null && checkAnswer(frame);
            }
            case IaxCommand.PONG -> {
                if (pingSentNanos != 0) {
                    roundTripMillis = (System.nanoTime() - pingSentNanos) / 1e6;
                    pingSentNanos = 0;
                }
                return false;
            }
            case IaxCommand.CALLTOKEN -> {
                if (!outgoing || phase != Phase.CALLING || callToken != null) {
                    return false;
                }
                callToken = elements.bytes(InformationElement.CALLTOKEN).orElse(new byte[0]);
                dialog.restart();
                dialog.sendIax(IaxCommand.NEW, newElements(dialled).bytes(InformationElement.CALLTOKEN, callToken));
                return true;
            }
            case IaxCommand.AUTHREQ -> {
                if (!outgoing || authenticated) {
                    end(EndReason.Kind.FAILED, "authentication failed", true);
                    return false;
                }
                InformationElements.Builder answer = InformationElements.builder();
                Optional<String> problem = Authentication.answer(elements, secret, answer);
                if (problem.isPresent()) {
                    end(EndReason.Kind.FAILED, problem.get(), true);
                    return false;
                }
                authenticated = true;
                if (settings.encrypted()) {
                    long offered = elements.number(InformationElement.ENCRYPTION).orElse(0L);
                    String challenge = elements.string(InformationElement.CHALLENGE).orElse("");
                    if ((offered & InformationElement.ENCRYPT_AES128) == 0 || challenge.isEmpty()) {
                        end(EndReason.Kind.FAILED, "the server does not encrypt this call", true);
                        return false;
                    }
                    // the answer itself already travels encrypted, as Asterisk expects
                    dialog.encrypt(Aes128Cipher.fromChallenge(challenge, secret));
                }
                dialog.sendIax(IaxCommand.AUTHREP, answer);
                return true;
            }
            case IaxCommand.RTKEY -> {
                if (dialog.cipher() != null) {
                    // Asterisk carries the new 16-byte key in the CHALLENGE IE
                    dialog.cipher().peerKey(elements.bytes(InformationElement.CHALLENGE)
                            .or(() -> elements.bytes(InformationElement.ENCKEY)).orElse(new byte[0]));
                }
                return false;
            }
            case IaxCommand.ACCEPT -> {
                if (settings.encrypted() && dialog.cipher() == null) {
                    end(EndReason.Kind.FAILED, "the server does not encrypt this call", true);
                    return false;
                }
                if (phase == Phase.CALLING) {
                    phase = Phase.ACCEPTED;
                    long accepted = elements.number(InformationElement.FORMAT2)
                            .or(() -> elements.number(InformationElement.FORMAT)).orElse(mediaFactory.formats().get(0));
                    changeFormat(accepted);
                }
                return false;
            }
            case IaxCommand.HANGUP -> {
                dialog.sendUnsequenced(IaxCommand.ACK, frame.timestamp());
                String cause = elements.string(InformationElement.CAUSE).orElse("");
                EndReason.Kind kind = phase == Phase.TRANSFERRING ? EndReason.Kind.TRANSFERRED
                        : phase == Phase.CONNECTED ? EndReason.Kind.REMOTE_HANGUP
                        : outgoing ? EndReason.Kind.BUSY : EndReason.Kind.CANCELLED;
                if (phase == Phase.CHALLENGED) {
                    // the caller gave up before answering our challenge: the core never heard of it
                    phase = Phase.ENDED;
                    dialog.close();
                    return true;
                }
                end(kind, cause, false);
                dialog.close();
                return true;
            }
            case IaxCommand.REJECT -> {
                dialog.sendUnsequenced(IaxCommand.ACK, frame.timestamp());
                String cause = elements.string(InformationElement.CAUSE).orElse("rejected");
                long code = elements.number(InformationElement.CAUSECODE).orElse(0L);
                end(code == 17 || code == 21 ? EndReason.Kind.BUSY : EndReason.Kind.FAILED, cause, false);
                dialog.close();
                return true;
            }
            case IaxCommand.QUELCH -> {
                peerHold(true);
                return false;
            }
            case IaxCommand.UNQUELCH -> {
                peerHold(false);
                return false;
            }
            case IaxCommand.TRANSFER -> {
                // a request to a PBX to send the call elsewhere; a softphone has no dialplan to carry it out
                LOG.log(Level.INFO, "IAX2 call {0}: the peer asked us to transfer the call to {1}; answered"
                        + " UNSUPPORT, the call goes on", id, elements.string(InformationElement.CALLED_NUMBER).orElse("?"));
                dialog.sendIax(IaxCommand.UNSUPPORT, InformationElements.builder()
                        .u8(InformationElement.IAX_UNKNOWN, IaxCommand.TRANSFER));
                return true;
            }
            case IaxCommand.TXREQ -> {
                return transferRequested(elements);
            }
            case IaxCommand.TXREL -> {
                return transferReleased(frame, elements);
            }
            case IaxCommand.TXREJ -> {
                if (pathTransfer != PathTransfer.NONE) {
                    LOG.log(Level.INFO, "IAX2 call {0}: the server called the direct path off; the call stays", id);
                    pathTransfer = PathTransfer.NONE;
                    dialog.abandonTransfer();
                }
                return false;
            }
            case IaxCommand.TXMEDIA -> {
                // Asterisk's media-only variant would split voice from signalling; we keep both with the server
                LOG.log(Level.INFO, "IAX2 call {0}: media-only transfer (TXMEDIA) refused; the call stays", id);
                pathTransfer = PathTransfer.NONE;
                dialog.abandonTransfer();
                dialog.sendIax(IaxCommand.TXREJ, InformationElements.builder());
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    // ---- call path optimisation (native transfer, RFC 5456 section 6.3) ----

    /**
     * TXREQ: the server asks us to reach the far end directly at the address and call number it
     * gives. We send TXCNT there; a request we cannot follow is answered TXREJ and the call goes on.
     */
    private boolean transferRequested(InformationElements elements) {
        Optional<InetSocketAddress> target = elements.address(InformationElement.APPARENT_ADDR);
        long targetCall = elements.number(InformationElement.CALLNO).orElse(0L);
        String refusal = phase != Phase.CONNECTED ? "the call is " + phase
                : dialog.cipher() != null ? "the call is encrypted, and the far end has no key with us"
                : pathTransfer != PathTransfer.NONE ? "a transfer is already under way"
                : target.isEmpty() || targetCall < 1 || targetCall > 0x7fff
                        ? "it names no usable IPv4 address and call number" : null;
        if (refusal != null) {
            LOG.log(Level.INFO, "IAX2 call {0}: the server''s transfer request refused (TXREJ): {1}", id, refusal);
            dialog.sendIax(IaxCommand.TXREJ, InformationElements.builder());
            return true;
        }
        pathTransfer = PathTransfer.CONNECTING;
        InformationElements.Builder connect = InformationElements.builder();
        elements.number(InformationElement.TRANSFERID).ifPresent(tag -> connect.u32(InformationElement.TRANSFERID, tag));
        dialog.connectForTransfer(target.get(), (int) targetCall, connect, this::transferConnectUnanswered);
        return false;
    }

    /** The far end never accepted our TXCNT: the server hears TXREJ and keeps carrying the call. */
    private void transferConnectUnanswered() {
        if (pathTransfer == PathTransfer.CONNECTING) {
            LOG.log(Level.INFO, "IAX2 call {0}: the far end never answered TXCNT; TXREJ, the call stays", id);
            pathTransfer = PathTransfer.NONE;
            dialog.abandonTransfer();
            dialog.sendIax(IaxCommand.TXREJ, InformationElements.builder());
        }
    }

    /** TXCNT from the far end (answered TXACC), or its TXACC to ours (then TXREADY to the server). */
    @Override
    public void transferFrame(Dialog from, FullFrame frame) {
        if (frame.isIax(IaxCommand.TXCNT) && pathTransfer != PathTransfer.NONE) {
            dialog.acceptTransferConnect(frame);
        } else if (frame.isIax(IaxCommand.TXACC) && pathTransfer == PathTransfer.CONNECTING) {
            dialog.transferConnected();
            pathTransfer = PathTransfer.READY;
            dialog.sendIax(IaxCommand.TXREADY, InformationElements.builder()
                    .u16(InformationElement.CALLNO, dialog.localCall()));
        }
    }

    /**
     * TXREL: both ends are ready; from here on the call runs directly with the far end, which knows it
     * as the call number given. ACKed to the server first (as Asterisk does), as the dialog leaves it.
     */
    private boolean transferReleased(FullFrame frame, InformationElements elements) {
        long newCall = elements.number(InformationElement.CALLNO).orElse(0L);
        if (pathTransfer != PathTransfer.READY || newCall < 1 || newCall > 0x7fff) {
            LOG.log(Level.INFO, "IAX2 call {0}: TXREL without a transfer ready to complete; ignored", id);
            return false;
        }
        dialog.sendUnsequenced(IaxCommand.ACK, frame.timestamp());
        InetSocketAddress server = dialog.peer();
        dialog.completeTransfer((int) newCall);
        pathTransfer = PathTransfer.NONE;
        // the far end learns our format and timestamps from a full voice frame, and its clock is not the server's
        sentFullVoice = false;
        rebaseReceivedVoice = true;
        LOG.log(Level.INFO, "IAX2 call {0}: now direct with {1} (was through {2})", id, dialog.peer(), server);
        return true;
    }

    /** @return whether the frame was answered (ACKed before our HANGUP, as Asterisk does) */
    private boolean controlFrame(FullFrame frame) {
        int subclass = frame.rawSubclass();
        if (subclass == ControlSubclass.BUSY || subclass == ControlSubclass.CONGESTION
                || subclass == ControlSubclass.HANGUP) {
            dialog.sendUnsequenced(IaxCommand.ACK, frame.timestamp());
        }
        switch (subclass) {
            case ControlSubclass.RINGING -> {
                if (phase == Phase.CALLING || phase == Phase.ACCEPTED) {
                    phase = Phase.RINGING_OUT;
                    listener.stateChanged(CallState.RINGING_OUT);
                }
            }
            case ControlSubclass.ANSWER -> {
                if (phase == Phase.CALLING || phase == Phase.ACCEPTED || phase == Phase.RINGING_OUT) {
                    phase = Phase.CONNECTED;
                    // audio first, so whoever hears of the connection finds the call's media up
                    startMedia();
                    listener.stateChanged(CallState.CONNECTED);
                }
            }
            case ControlSubclass.BUSY -> end(EndReason.Kind.BUSY, "busy", CAUSE_BUSY);
            case ControlSubclass.CONGESTION -> end(EndReason.Kind.FAILED, "congestion", CAUSE_CONGESTION);
            case ControlSubclass.HANGUP -> end(
                    phase == Phase.CONNECTED ? EndReason.Kind.REMOTE_HANGUP : EndReason.Kind.BUSY, "", CAUSE_NORMAL);
            case ControlSubclass.HOLD -> peerHold(true);
            case ControlSubclass.UNHOLD -> peerHold(false);
            default -> LOG.log(Level.DEBUG, "IAX2 call {0}: control {1} ignored", id, subclass);
        }
        return subclass == ControlSubclass.BUSY || subclass == ControlSubclass.CONGESTION
                || subclass == ControlSubclass.HANGUP;
    }

    @Override
    public void voice(Dialog from, long timestamp, byte[] payload) {
        deliverVoice(timestamp, payload);
    }

    private void deliverVoice(long timestamp, byte[] payload) {
        if (media != null && phase == Phase.CONNECTED) {
            if (rebaseReceivedVoice) {
                // the first voice of a new far end continues our media clock one frame on
                rebaseReceivedVoice = false;
                receiveOffset = lastReceivedVoice < 0 ? 0 : lastReceivedVoice + 20 - timestamp;
            }
            lastReceivedVoice = timestamp + receiveOffset;
            media.received(lastReceivedVoice, payload);
        }
    }

    @Override
    public void failed(Dialog from, String reason) {
        if (phase == Phase.CHALLENGED) {
            phase = Phase.ENDED;
            return;
        }
        end(EndReason.Kind.FAILED, reason, false);
    }

    /** A DTMF_END frame: one key press of the far end, for the core (other subclasses are not digits). */
    private void digitReceived(int subclass) {
        char digit = (char) subclass;
        if (subclass > 0x7f || DIGITS.indexOf(Character.toUpperCase(digit)) < 0) {
            LOG.log(Level.DEBUG, "IAX2 call {0}: DTMF frame with no digit ({1}) ignored", id, subclass);
            return;
        }
        if (listener != null && phase != Phase.RINGING_IN) {
            listener.dtmfReceived(Character.toUpperCase(digit));
        }
    }

    /** A TEXT frame: UTF-8, which Asterisk ends with a NUL, goes to the chat. */
    private void textReceived(byte[] payload) {
        int length = payload.length;
        while (length > 0 && payload[length - 1] == 0) {
            length--;
        }
        if (length == 0 || listener == null) {
            return;
        }
        texts.textReceived(this, new String(payload, 0, length, StandardCharsets.UTF_8));
    }

    /**
     * Sends a line of chat inside the call as a TEXT frame (NUL-terminated, as Asterisk sends and
     * expects it); waits for the loop so a call that cannot carry it says so.
     *
     * @throws IllegalStateException if the call is not connected
     */
    void sendText(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] payload = java.util.Arrays.copyOf(utf8, utf8.length + 1);
        boolean sent = endpoint.call(() -> {
            if (!carriesText() || dialog == null || dialog.closed()) {
                return false;
            }
            dialog.send(FrameType.TEXT, 0, payload);
            return true;
        });
        if (!sent) {
            throw new IllegalStateException("the IAX2 call with " + remote.address() + " is not connected");
        }
    }

    /** Whether text can go to the peer now: the call is up (held or not). */
    boolean carriesText() {
        return phase == Phase.CONNECTED || phase == Phase.TRANSFERRING;
    }

    // ---- media ----

    private void changeFormat(long newFormat) {
        format = newFormat;
        MediaFormats.rtpmap(newFormat).ifPresent(listener::codecChanged);
        if (media != null) {
            media.start(newFormat);
        }
    }

    private void startMedia() {
        if (media != null) {
            return;
        }
        try {
            media = mediaFactory.open(id, this::sendVoice);
            media.start(format);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "IAX2 call " + id + ": no audio: " + e.getMessage());
        }
    }

    /** From the media thread: queue the frame on the loop. */
    private void sendVoice(byte[] payload, int offset, int length, long timestampMillis) {
        byte[] copy = java.util.Arrays.copyOfRange(payload, offset, offset + length);
        endpoint.execute(() -> {
            if (phase != Phase.CONNECTED || heldByUs || dialog == null || dialog.closed()) {
                return;
            }
            if (voiceOffset < 0) {
                voiceOffset = dialog.now();
            }
            long timestamp = voiceOffset + timestampMillis;
            if (!sentFullVoice || dialog.needsFullVoiceFrame(timestamp)) {
                sentFullVoice = true;
                dialog.sendStamped(FrameType.VOICE, format, copy, timestamp);
            } else {
                dialog.sendMini(timestamp, copy);
            }
        });
    }

    private void peerHold(boolean held) {
        if (heldByPeer == held || (phase != Phase.CONNECTED)) {
            return;
        }
        heldByPeer = held;
        if (media != null) {
            media.direction(!heldByUs, !heldByPeer && !heldByUs);
        }
        if (!heldByUs) {
            listener.stateChanged(held ? CallState.REMOTE_HOLD : CallState.CONNECTED);
        }
    }

    // ---- the user's side (CallLeg and capabilities) ----

    @Override
    public Participant remote() {
        return remote;
    }

    @Override
    public Optional<String> codec() {
        return MediaFormats.rtpmap(format);
    }

    @Override
    public void answer() {
        endpoint.execute(() -> {
            if (phase != Phase.RINGING_IN) {
                return;
            }
            dialog.send(FrameType.CONTROL, ControlSubclass.ANSWER, new byte[0]);
            phase = Phase.CONNECTED;
            startMedia();
            listener.stateChanged(CallState.CONNECTED);
        });
    }

    @Override
    public void reject(String detail) {
        endpoint.execute(() -> {
            if (phase != Phase.RINGING_IN) {
                return;
            }
            boolean busy = detail != null && detail.toLowerCase(java.util.Locale.ROOT).contains("busy");
            dialog.sendIax(IaxCommand.REJECT, InformationElements.builder()
                    .string(InformationElement.CAUSE, busy ? "User busy" : "Call rejected")
                    .u8(InformationElement.CAUSECODE, busy ? 17 : 21));
            dialog.closeWhenDelivered();
            finish(EndReason.Kind.REJECTED, detail == null ? "" : detail);
        });
    }

    /** IAX2 cannot redirect a call it has not answered; the call is declined with the target named in the log. */
    @Override
    public void forward(String target) {
        LOG.log(Level.INFO, "IAX2 call {0}: forwarding is not part of IAX2; declining instead", id);
        endpoint.execute(() -> {
            if (phase != Phase.RINGING_IN) {
                return;
            }
            dialog.sendIax(IaxCommand.REJECT, InformationElements.builder()
                    .string(InformationElement.CAUSE, "Call rejected").u8(InformationElement.CAUSECODE, 21));
            dialog.closeWhenDelivered();
            finish(EndReason.Kind.FORWARDED, target);
        });
    }

    @Override
    public void hangup() {
        endpoint.execute(() -> end(EndReason.Kind.LOCAL_HANGUP, "", true));
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        if (type == Hold.class || type == Mute.class || type == Dtmf.class || type == Transfer.class
                || type == QualityIndicator.class || type == AudioLevelMeter.class) {
            return Optional.of(type.cast(this));
        }
        return Optional.empty();
    }

    @Override
    public void hold() {
        endpoint.execute(() -> setHold(true));
    }

    @Override
    public void resume() {
        endpoint.execute(() -> setHold(false));
    }

    private void setHold(boolean held) {
        if (phase != Phase.CONNECTED || heldByUs == held) {
            return;
        }
        heldByUs = held;
        dialog.send(FrameType.CONTROL, held ? ControlSubclass.HOLD : ControlSubclass.UNHOLD, new byte[0]);
        if (media != null) {
            media.direction(!held, !held && !heldByPeer);
        }
        listener.stateChanged(held ? CallState.ON_HOLD : heldByPeer ? CallState.REMOTE_HOLD : CallState.CONNECTED);
    }

    @Override
    public void mute() {
        endpoint.execute(() -> {
            if (media != null) {
                media.mute(true);
            }
        });
    }

    @Override
    public void unmute() {
        endpoint.execute(() -> {
            if (media != null) {
                media.mute(false);
            }
        });
    }

    @Override
    public boolean muted() {
        CallMedia current = media;
        return current != null && current.muted();
    }

    @Override
    public void send(String digits) {
        for (char digit : digits.toCharArray()) {
            if (DIGITS.indexOf(digit) < 0) {
                throw new IllegalArgumentException("not a DTMF digit: " + digit);
            }
        }
        endpoint.execute(() -> {
            Duration at = Duration.ZERO;
            for (char digit : digits.toCharArray()) {
                endpoint.schedule(() -> sendDigit(FrameType.DTMF_BEGIN, digit), at);
                endpoint.schedule(() -> sendDigit(FrameType.DTMF_END, digit), at.plus(DTMF_TONE));
                at = at.plus(DTMF_TONE.multipliedBy(2));
            }
        });
    }

    private void sendDigit(int frameType, char digit) {
        if (phase == Phase.CONNECTED && dialog != null) {
            dialog.send(frameType, digit, new byte[0]);
        }
    }

    @Override
    public void transfer(String address) {
        endpoint.execute(() -> {
            if (phase != Phase.CONNECTED) {
                return;
            }
            phase = Phase.TRANSFERRING;
            listener.stateChanged(CallState.TRANSFERRING);
            dialog.sendIax(IaxCommand.TRANSFER, InformationElements.builder()
                    .string(InformationElement.CALLED_NUMBER, address));
            transferTimer = endpoint.schedule(this::transferNotCarriedOut, TRANSFER_TIMEOUT);
        });
    }

    /** The server took the TRANSFER but did not hang our leg up (e.g. no such extension): still connected. */
    private void transferNotCarriedOut() {
        if (phase != Phase.TRANSFERRING) {
            return;
        }
        LOG.log(Level.INFO, "IAX2 call {0}: the server did not carry out the transfer; the call goes on", id);
        phase = Phase.CONNECTED;
        listener.stateChanged(heldByUs ? CallState.ON_HOLD : heldByPeer ? CallState.REMOTE_HOLD : CallState.CONNECTED);
    }

    /** Voice frames the call's audio took from the peer so far (0 before the answer). */
    long framesReceived() {
        return endpoint.call(() -> media == null ? 0L : media.framesReceived());
    }

    /** The media engine's verdict on the received audio; unknown before the call is answered. */
    @Override
    public Rating rating() {
        CallMedia current = media;
        if (current == null) {
            return Rating.UNKNOWN;
        }
        return switch (current.quality().rating()) {
            case GOOD -> Rating.GOOD;
            case FAIR -> Rating.FAIR;
            case POOR -> Rating.POOR;
            case UNKNOWN -> Rating.UNKNOWN;
        };
    }

    /** The media engine's levels; none before the answer and after the end. */
    @Override
    public Levels levels() {
        CallMedia current = media;
        return current == null ? Levels.NONE : current.levels();
    }

    /** Codec, loss, jitter and playout delay from the media engine; the round trip from our last PING/PONG. */
    @Override
    public String detail() {
        CallMedia current = media;
        if (current == null) {
            return "";
        }
        MediaQuality quality = current.quality();
        double roundTrip = Double.isNaN(quality.roundTripMillis()) ? roundTripMillis : quality.roundTripMillis();
        return String.format(Locale.ROOT, "%s, loss %.1f %%, jitter %.0f ms, RTT %s, buffer %.0f ms",
                quality.codec().isEmpty() ? codec().orElse("?") : quality.codec(), quality.fractionLost() * 100,
                quality.jitterMillis(), Double.isNaN(roundTrip) ? "unknown" : Math.round(roundTrip) + " ms",
                quality.playoutDelayMillis());
    }

    // ---- ending ----

    /** Ends the call; {@code tellPeer}: send HANGUP (with cause) and close once it is acknowledged. */
    private void end(EndReason.Kind kind, String detail, boolean tellPeer) {
        end(kind, detail, tellPeer ? CAUSE_NORMAL : 0);
    }

    /**
     * Ends the call; a {@code causeCode} above 0 sends HANGUP with it (Q.850, as Asterisk sends it:
     * only the code) and closes once that is acknowledged.
     */
    private void end(EndReason.Kind kind, String detail, int causeCode) {
        boolean tellPeer = causeCode > 0;
        if (phase == Phase.ENDED) {
            return;
        }
        if (tellPeer && dialog != null && !dialog.closed()) {
            dialog.sendIax(IaxCommand.HANGUP, InformationElements.builder().u8(InformationElement.CAUSECODE, causeCode));
            dialog.closeWhenDelivered();
        } else if (dialog != null && !tellPeer) {
            dialog.closeWhenDelivered();
        }
        finish(kind, detail);
    }

    private void finish(EndReason.Kind kind, String detail) {
        phase = Phase.ENDED;
        if (pinger != null) {
            pinger.cancel(false);
        }
        if (transferTimer != null) {
            transferTimer.cancel(false);
        }
        if (media != null) {
            media.close();
            media = null;
        }
        if (listener != null) {
            listener.ended(new EndReason(kind, detail));
        }
    }

    private void startPinging() {
        pinger = endpoint.schedule(() -> {
            if (phase != Phase.ENDED && dialog != null && !dialog.closed()) {
                pingSentNanos = System.nanoTime();
                dialog.sendIax(IaxCommand.PING, InformationElements.builder());
                startPinging();
            }
        }, PING_INTERVAL);
    }

    /** The account is being closed: hang up (loop thread); the socket closes right after. */
    void closeWithAccount() {
        if (phase == Phase.CHALLENGED) {
            phase = Phase.ENDED;
            dialog.close();
            return;
        }
        end(phase == Phase.RINGING_IN ? EndReason.Kind.REJECTED : EndReason.Kind.LOCAL_HANGUP, "account closed", true);
    }

    @Override
    public String toString() {
        return "IAX2 call " + id + " " + phase;
    }
}
