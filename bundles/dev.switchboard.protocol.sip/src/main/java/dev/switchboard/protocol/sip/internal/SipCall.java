package dev.switchboard.protocol.sip.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.InvalidArgumentException;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.header.AllowHeader;
import javax.sip.header.CSeqHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ReferToHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import dev.switchboard.core.call.Call;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.call.capability.AttendedTransfer;
import dev.switchboard.core.call.capability.AudioLevelMeter;
import dev.switchboard.core.call.capability.Conference;
import dev.switchboard.core.call.capability.Dtmf;
import dev.switchboard.core.call.capability.Hold;
import dev.switchboard.core.call.capability.HookFlash;
import dev.switchboard.core.call.capability.Mute;
import dev.switchboard.core.call.capability.QualityIndicator;
import dev.switchboard.core.call.capability.Record;
import dev.switchboard.core.call.capability.Transfer;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;
import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.dtmf.DtmfEvent;
import dev.switchboard.media.audio.AudioDeviceException;
import dev.switchboard.media.session.AudioEndpoints;
import dev.switchboard.media.session.AudioLevels;
import dev.switchboard.media.session.ConferenceMixer;
import dev.switchboard.media.session.MediaDirection;
import dev.switchboard.media.session.MediaFormat;
import dev.switchboard.media.session.MediaQuality;
import dev.switchboard.media.session.MediaSessionFactory;
import dev.switchboard.media.session.MediaSessionListener;
import dev.switchboard.media.session.MediaSessionOptions;
import dev.switchboard.media.session.RecordingMode;
import dev.switchboard.media.session.RtpMediaSession;

/**
 * One SIP call (one INVITE dialog) and its RTP media: one explicit state machine, run on the session's worker
 * thread like everything else of the account.
 * <pre>
 * outgoing: INVITING --1xx--> EARLY --2xx/ACK--> CONFIRMED --BYE--> ENDED
 * incoming: OFFERED --answer: 200--> ANSWERED --ACK--> CONFIRMED
 * any but ENDED: CANCEL / final error / BYE / transfer done --> ENDED
 * </pre>
 * Within CONFIRMED, hold, resume, remote hold and codec changes are offer/answer exchanges (re-INVITE or UPDATE),
 * one at a time; a crossing re-INVITE is answered 491 and ours is retried after 2.1-4 s (RFC 3261 section 14.1).
 * <p>
 * The call's dialog can be exchanged while the call (the core's leg) goes on: when the far end transfers us (an
 * incoming REFER, RFC 3515) we INVITE the target, and once it answers the new dialog replaces the old one (whose
 * REFER subscription hears the outcome as NOTIFY sipfrag); when an INVITE with Replaces (RFC 3891) names this call's
 * dialog, it is answered at once and takes the old dialog's place. Session timers (RFC 4028) run per dialog.
 */
final class SipCall implements CallLeg, Hold, Mute, Dtmf, Transfer, AttendedTransfer, HookFlash, Conference, Record,
        QualityIndicator, AudioLevelMeter {

    enum Phase {
        INVITING, EARLY, OFFERED, ANSWERED, CONFIRMED, ENDED
    }

    private static final Logger LOG = System.getLogger(SipCall.class.getName());
    private static final Duration DTMF_DURATION = Duration.ofMillis(160);
    /** A hook flash as PBXs time it (between the 100 ms and 600 ms break limits most accept). */
    private static final Duration FLASH_DURATION = Duration.ofMillis(300);
    private static final List<String> SUPPORTED = List.of("replaces", "timer");
    private static final int MAX_INTERVAL_ROUNDS = 2;

    private final SipSession session;
    private final SipEndpoint endpoint;
    private final MediaSessionFactory mediaFactory;
    private final boolean outgoing;
    private final String localTag;
    private final long sdpSessionId = System.currentTimeMillis() / 1000;
    private Participant remote;
    private CallLegListener listener;
    private Phase phase;
    private CallState reported;
    private Dialog dialog;
    private String callId;
    private Request invite;
    private ClientTransaction inviteTransaction;
    private ServerTransaction incomingInvite;
    private boolean provisionalReceived;
    private boolean cancelWanted;
    private int authenticationRounds;
    private volatile RtpMediaSession media;
    private Sdp.Description remoteSdp;
    private MediaFormat format;
    private long sdpVersion;
    private boolean localHold;
    private boolean remoteHold;
    private ClientTransaction pendingOffer;
    private MediaDirection pendingDirection;
    private boolean transferring;
    /** The consultation call of our attended transfer, ended with this one when the transfer succeeds. */
    private SipCall consultation;
    /** This call is the consultation of another call's attended transfer: its BYE means the transfer went through. */
    private boolean joinedByTransfer;
    /** The far end's REFER we are carrying out (we are the transferee); null when none. */
    private Referral referral;
    /** The session interval we ask for (raised by 422 answers) and the one agreed for the dialog, if any. */
    private int requestedInterval = SessionTimer.DEFAULT_INTERVAL;
    private int intervalRounds;
    private int redirects;
    private SessionTimer agreedTimer;
    private boolean weRefresh;
    /** Bumped whenever the session timer is re-armed or stopped, so that earlier scheduled checks do nothing. */
    private long timerGeneration;
    /** CSeq of the REFER we sent (the implicit subscription's event id); -1 when none. */
    private long sentReferCseq = -1;
    /** Cancels the implicit subscription's refresh and expiry timers when bumped. */
    private long referSubscriptionGeneration;
    private ClientTransaction pendingRefresh;
    private boolean peerAllowsUpdate;
    private SessionTimer offeredTimer;
    private boolean callerSupportsTimer;
    private volatile LocalConference conference;
    private volatile boolean recording;

    /**
     * The transferee's side of one REFER: the INVITE to the target and the dialog the REFER came in, to which its
     * progress is reported as NOTIFY with a message/sipfrag body.
     */
    private record Referral(Dialog referDialog, String referCallId, long referCseq, String target, Request invite,
            ClientTransaction transaction, String callId) {

        Referral sentAgain(Request retry, ClientTransaction retryTransaction) {
            return new Referral(referDialog, referCallId, referCseq, target, retry, retryTransaction, callId);
        }
    }

    /** The dialog was set up for a sips: URI, so our Contact is one (see {@link #ourContact()}). */
    private boolean secureDialog;

    private SipCall(SipSession session, MediaSessionFactory mediaFactory, boolean outgoing, Participant remote) {
        this.session = session;
        this.endpoint = session.endpoint();
        this.mediaFactory = mediaFactory;
        this.outgoing = outgoing;
        this.remote = remote;
        this.localTag = Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    // ---------------------------------------------------------------- outgoing

    /** Builds and sends the INVITE (on the worker thread). */
    static SipCall dial(SipSession session, MediaSessionFactory mediaFactory, String targetUri,
            CallLegListener listener) {
        SipCall call = new SipCall(session, mediaFactory, true, new Participant(targetUri, ""));
        call.listener = listener;
        call.secureDialog = targetUri.regionMatches(true, 0, "sips:", 0, 5);
        call.phase = Phase.INVITING;
        call.reported = CallState.DIALING;
        return call;
    }

    /** Runs on the worker: opens media, sends the INVITE with our offer. */
    void start() {
        try {
            openMedia();
            Request request = buildInvite(remote.address());
            send(request);
        } catch (IOException | ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            LOG.log(Level.WARNING, "call to {0} failed to start: {1}", remote.address(), e.toString());
            end(new EndReason(EndReason.Kind.FAILED, "cannot start the call: " + e.getMessage()), true);
        }
    }

    private Request buildInvite(String target) throws ParseException, InvalidArgumentException {
        CallIdHeader callIdHeader = endpoint.provider.getNewCallId();
        callId = callIdHeader.getCallId();
        return newInvite(target, callIdHeader, localTag);
    }

    /** An initial INVITE with our offer, session timer request and option tags; no field of the call changes. */
    private Request newInvite(String target, CallIdHeader callIdHeader, String fromTag)
            throws ParseException, InvalidArgumentException {
        var addresses = endpoint.addresses;
        var headers = endpoint.headers;
        SipAccountSettings settings = session.settings();
        Address from = addresses.createAddress(settings.addressOfRecord());
        if (!settings.displayName().isBlank()) {
            from.setDisplayName(settings.displayName());
        }
        Request request = endpoint.messages.createRequest(addresses.createURI(target), Request.INVITE, callIdHeader,
                headers.createCSeqHeader(1L, Request.INVITE), headers.createFromHeader(from, fromTag),
                headers.createToHeader(addresses.createAddress(target), null), endpoint.vias(),
                headers.createMaxForwardsHeader(70));
        request.addHeader(ourContact());
        request.addHeader(endpoint.userAgent());
        request.addHeader(headers.createAllowHeader(SipSession.ALLOWED_METHODS));
        setSupported(request);
        setSessionTimerRequest(request);
        setSdp(request, localDescription(MediaDirection.SENDRECV, offerPayloads()));
        return request;
    }

    /** The option tags we support (RFC 3261 section 20.37): Replaces and session timers. */
    private void setSupported(Request request) throws ParseException {
        request.removeHeader(javax.sip.header.SupportedHeader.NAME);
        for (String tag : SUPPORTED) {
            request.addHeader(endpoint.headers.createSupportedHeader(tag));
        }
    }

    /** Session-Expires with the interval we want and Min-SE (RFC 4028 section 7.1); the refresher is left open. */
    private void setSessionTimerRequest(Request request) throws ParseException {
        request.setHeader(endpoint.headers.createHeader(SessionTimer.SESSION_EXPIRES,
                Integer.toString(requestedInterval)));
        // after a 422 our Min-SE is the interval it imposed (section 7.3), before it our own floor
        int minimum = requestedInterval == SessionTimer.DEFAULT_INTERVAL ? SessionTimer.MIN_SE : requestedInterval;
        request.setHeader(endpoint.headers.createHeader(SessionTimer.MIN_SE_HEADER, Integer.toString(minimum)));
    }

    private void send(Request request) throws SipException {
        invite = request;
        inviteTransaction = endpoint.provider.getNewClientTransaction(request);
        dialog = inviteTransaction.getDialog();
        session.track(this, callId);
        inviteTransaction.sendRequest();
    }

    /** A response to our INVITE (initial or re-INVITE), or to another request of this call. */
    void responseReceived(ClientTransaction transaction, Response response) {
        String method = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getMethod();
        int status = response.getStatusCode();
        if (transaction != null && transaction == pendingOffer) {
            offerAnswered(response);
            return;
        }
        if (transaction != null && transaction == pendingRefresh) {
            refreshAnswered(response);
            return;
        }
        if (referral != null && transaction == referral.transaction()) {
            referralAnswered(response);
            return;
        }
        if (method.equals(Request.REFER)) {
            if (status >= 300) {
                transferFailed(SipRegistration.statusLine(response));
            }
            return;
        }
        if (method.equals(Request.SUBSCRIBE)) {
            referSubscriptionAnswered(response);
            return;
        }
        if (!method.equals(Request.INVITE)) {
            return;
        }
        if (status >= 200 && status < 300) {
            // a 2xx is ACKed even when it comes late (after CANCEL or after the call ended), then hung up
            acknowledge(response);
            if (phase == Phase.ENDED || cancelWanted) {
                sendBye();
                if (phase != Phase.ENDED) {
                    end(EndReason.of(EndReason.Kind.LOCAL_HANGUP), false);
                }
                return;
            }
            if (phase == Phase.INVITING || phase == Phase.EARLY) {
                dialog = transaction != null && transaction.getDialog() != null ? transaction.getDialog() : dialog;
                Optional<String> unusable = applyAnswer(response);
                if (unusable.isPresent()) {
                    // the dialog exists (ACKed above) but carries no audio we can play: end it with BYE
                    sendBye(dialog);
                    end(new EndReason(EndReason.Kind.FAILED, "unusable SDP answer: " + unusable.get()), true);
                    return;
                }
                phase = Phase.CONFIRMED;
                peerAllowsUpdate = allows(response, Request.UPDATE);
                startSessionTimer(SessionTimer.of(response), true);
                report(CallState.CONNECTED);
            }
            return;
        }
        if (transaction != inviteTransaction || phase == Phase.ENDED) {
            return;
        }
        if (status < 200) {
            provisionalReceived = status > 100 || provisionalReceived;
            if (cancelWanted && status > 100) {
                sendCancel();
                return;
            }
            if (status == Response.RINGING || status == Response.SESSION_PROGRESS) {
                phase = Phase.EARLY;
                if (status == Response.SESSION_PROGRESS && response.getRawContent() != null) {
                    applyAnswer(response);
                }
                report(CallState.RINGING_OUT);
            }
            return;
        }
        if ((status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED) && !cancelWanted
                && authenticationRounds++ < 2) {
            authenticate(response);
            return;
        }
        if (status == SessionTimer.SESSION_INTERVAL_TOO_SMALL && !cancelWanted && raiseInterval(response)) {
            try {
                Request retry = nextAttempt(invite);
                setSessionTimerRequest(retry);
                send(retry);
            } catch (ParseException | InvalidArgumentException | SipException e) {
                end(new EndReason(EndReason.Kind.FAILED, "cannot retry with a longer session interval: "
                        + e.getMessage()), true);
            }
            return;
        }
        if (cancelWanted || status == Response.REQUEST_TERMINATED) {
            end(EndReason.of(EndReason.Kind.LOCAL_HANGUP), false);
            return;
        }
        if ((status == Response.MOVED_TEMPORARILY || status == Response.MOVED_PERMANENTLY) && redirects++ < 3
                && redirect(response)) {
            return;
        }
        end(endReasonOf(response), true);
    }

    private void authenticate(Response challenge) {
        Optional<DigestChallenge> usable = DigestHeaders.challenges(challenge).stream()
                .filter(DigestChallenge::answerable).findFirst();
        if (usable.isEmpty()) {
            end(new EndReason(EndReason.Kind.FAILED, "proxy asks for an authentication we cannot answer"), true);
            return;
        }
        try {
            send(authorized(invite, challenge, usable.get()));
        } catch (ParseException | InvalidArgumentException | SipException e) {
            end(new EndReason(EndReason.Kind.FAILED, "cannot answer the proxy's challenge: " + e.getMessage()), true);
        }
    }

    /** The INVITE again with the next CSeq and a new branch (a new transaction of the same dialog attempt). */
    private Request nextAttempt(Request previous) throws ParseException, InvalidArgumentException {
        Request retry = (Request) previous.clone();
        CSeqHeader cseq = (CSeqHeader) retry.getHeader(CSeqHeader.NAME);
        cseq.setSeqNumber(cseq.getSeqNumber() + 1);
        retry.removeHeader(javax.sip.header.ViaHeader.NAME);
        retry.addHeader(endpoint.via());
        return retry;
    }

    private Request authorized(Request previous, Response challenge, DigestChallenge usable)
            throws ParseException, InvalidArgumentException {
        Request retry = nextAttempt(previous);
        DigestCredentials.Answer answer = session.credentials().answer(usable, Request.INVITE,
                retry.getRequestURI().toString());
        retry.setHeader(DigestHeaders.authorization(endpoint.headers, answer,
                challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED));
        return retry;
    }

    /**
     * Follows a 301/302 (RFC 3261 section 8.1.3.4): the INVITE again, to the first Contact, as a new transaction of
     * the same call.
     */
    private boolean redirect(Response moved) {
        ContactHeader contact = (ContactHeader) moved.getHeader(ContactHeader.NAME);
        if (contact == null) {
            return false;
        }
        try {
            Request retry = nextAttempt(invite);
            retry.setRequestURI(contact.getAddress().getURI());
            LOG.log(Level.INFO, "call to {0} redirected to {1}", remote.address(), contact.getAddress().getURI());
            changeRemote(new Participant(contact.getAddress().getURI().toString(), remote.displayName()));
            send(retry);
            return true;
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot follow the redirect: {0}", e.toString());
            return false;
        }
    }

    /** Takes a 422's Min-SE as our new interval (RFC 4028 section 7.3); false when that cannot help. */
    private boolean raiseInterval(Response tooSmall) {
        Optional<Integer> minimum = SessionTimer.minimumOf(tooSmall);
        if (minimum.isEmpty() || minimum.get() <= requestedInterval || intervalRounds++ >= MAX_INTERVAL_ROUNDS) {
            return false;
        }
        requestedInterval = Math.max(minimum.get(), SessionTimer.MIN_SE);
        return true;
    }

    private static EndReason endReasonOf(Response response) {
        String detail = SipRegistration.statusLine(response);
        return switch (response.getStatusCode()) {
            case Response.BUSY_HERE, Response.BUSY_EVERYWHERE, Response.DECLINE -> new EndReason(EndReason.Kind.BUSY,
                    detail);
            case Response.TEMPORARILY_UNAVAILABLE, Response.REQUEST_TIMEOUT -> new EndReason(EndReason.Kind.NO_ANSWER,
                    detail);
            default -> new EndReason(EndReason.Kind.FAILED, detail);
        };
    }

    private void acknowledge(Response response) {
        try {
            Dialog ackDialog = dialog;
            long cseq = ((CSeqHeader) response.getHeader(CSeqHeader.NAME)).getSeqNumber();
            Request ack = ackDialog.createAck(cseq);
            ackDialog.sendAck(ack);
        } catch (InvalidArgumentException | SipException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot ACK {0}: {1}", SipRegistration.statusLine(response), e.toString());
        }
    }

    private void sendCancel() {
        try {
            Request cancel = inviteTransaction.createCancel();
            endpoint.provider.getNewClientTransaction(cancel).sendRequest();
        } catch (SipException e) {
            LOG.log(Level.WARNING, "cannot CANCEL: {0}", e.getMessage());
            end(EndReason.of(EndReason.Kind.LOCAL_HANGUP), false);
        }
    }

    // ---------------------------------------------------------------- incoming

    /** A new INVITE: the call is offered to the core, which rings it or turns it away. */
    static SipCall offered(SipSession session, MediaSessionFactory mediaFactory, RequestEvent event)
            throws SipException {
        Request request = event.getRequest();
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        String display = from.getAddress().getDisplayName();
        SipCall call = new SipCall(session, mediaFactory, false,
                new Participant(from.getAddress().getURI().toString(), display == null ? "" : display));
        call.phase = Phase.OFFERED;
        call.reported = CallState.RINGING_IN;
        call.invite = request;
        call.secureDialog = request.getRequestURI().getScheme().equalsIgnoreCase("sips");
        call.callId = ((CallIdHeader) request.getHeader(CallIdHeader.NAME)).getCallId();
        ServerTransaction transaction = event.getServerTransaction();
        call.incomingInvite = transaction != null ? transaction : session.endpoint().provider
                .getNewServerTransaction(request);
        call.dialog = call.incomingInvite.getDialog();
        return call;
    }

    /**
     * Reads the INVITE's offer before the core sees the call; an unusable one (malformed, no codec in common) is
     * answered 488 at once and the call goes no further.
     *
     * @return whether the call can be offered to the core
     */
    boolean acceptOffer() {
        peerAllowsUpdate = allows(invite, Request.UPDATE);
        callerSupportsTimer = SessionTimer.supports(invite, "timer");
        offeredTimer = SessionTimer.of(invite).orElse(null);
        if (offeredTimer != null && offeredTimer.seconds() < SessionTimer.MIN_SE) {
            // RFC 4028 section 8.1: too short an interval is refused with our minimum
            LOG.log(Level.INFO, "call from {0} refused with 422: session interval {1} s", remote.address(),
                    offeredTimer.seconds());
            try {
                Response tooSmall = response(invite, SessionTimer.SESSION_INTERVAL_TOO_SMALL);
                tooSmall.setHeader(endpoint.headers.createHeader(SessionTimer.MIN_SE_HEADER,
                        Integer.toString(SessionTimer.MIN_SE)));
                incomingInvite.sendResponse(tooSmall);
            } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
                LOG.log(Level.WARNING, "cannot send 422: {0}", e.toString());
            }
            end(new EndReason(EndReason.Kind.FAILED, "session interval too small"), false);
            return false;
        }
        if (invite.getRawContent() == null) {
            return true;
        }
        String problem;
        try {
            remoteSdp = Sdp.parse(new String(invite.getRawContent(), StandardCharsets.ISO_8859_1));
            remoteHold = remoteSdp.holds();
            if (remoteSdp.firstCommon(codecs()).isPresent()) {
                return true;
            }
            problem = "no codec in common (offered " + remoteSdp.payloads().stream().map(Sdp.Payload::rtpmap).toList()
                    + ", ours " + codecs().stream().map(codec -> codec.info().rtpmap()).toList() + ")";
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        LOG.log(Level.INFO, "call from {0} refused with 488: {1}", remote.address(), problem);
        respondToInvite(Response.NOT_ACCEPTABLE_HERE);
        end(new EndReason(EndReason.Kind.FAILED, problem), false);
        return false;
    }

    /** The core took the call: it rings (180) unless the core already answered or turned it away. */
    /** A new far end for this call (redirect, transfer, Replaces), reported to the core when it differs. */
    private void changeRemote(Participant next) {
        Participant previous = remote;
        remote = next;
        if (listener != null && !next.equals(previous)) {
            listener.remoteChanged(next);
        }
    }

    void ring(CallLegListener legListener) {
        this.listener = legListener;
        if (phase == Phase.OFFERED) {
            respondToInvite(Response.RINGING);
        }
    }

    @Override
    public void answer() {
        session.run(() -> {
            if (phase != Phase.OFFERED) {
                return;
            }
            try {
                openMedia();
                Response ok = response(invite, Response.OK);
                if (remoteSdp != null) {
                    Sdp.Agreed agreed = remoteSdp.firstCommon(codecs()).orElseThrow();
                    startMedia(agreed, remoteSdp, answerDirection(remoteSdp.direction()));
                    setSdp(ok, localDescription(answerDirection(remoteSdp.direction()),
                            answerPayloads(agreed, remoteSdp)));
                } else {
                    // an INVITE without offer: our offer goes in the 200, the answer comes in the ACK
                    setSdp(ok, localDescription(MediaDirection.SENDRECV, offerPayloads()));
                }
                answerSessionTimer(ok, offeredTimer, callerSupportsTimer);
                incomingInvite.sendResponse(ok);
                phase = Phase.ANSWERED;
            } catch (IOException | ParseException | SipException | InvalidArgumentException | RuntimeException e) {
                LOG.log(Level.WARNING, "cannot answer call from {0}: {1}", remote.address(), e.toString());
                respondToInvite(Response.SERVER_INTERNAL_ERROR);
                end(new EndReason(EndReason.Kind.FAILED, "cannot answer: " + e.getMessage()), true);
            }
        });
    }

    @Override
    public void reject(String detail) {
        session.run(() -> {
            if (phase != Phase.OFFERED) {
                return;
            }
            String text = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
            respondToInvite(text.contains("busy") || text.contains("call waiting") ? Response.BUSY_HERE
                    : Response.DECLINE);
            end(new EndReason(EndReason.Kind.REJECTED, detail == null ? "" : detail), false);
        });
    }

    @Override
    public void forward(String target) {
        session.run(() -> {
            if (phase != Phase.OFFERED) {
                return;
            }
            try {
                Response moved = response(invite, Response.MOVED_TEMPORARILY);
                moved.addHeader(endpoint.headers.createContactHeader(
                        endpoint.addresses.createAddress(session.settings().targetUri(target))));
                incomingInvite.sendResponse(moved);
            } catch (ParseException | SipException | InvalidArgumentException | IllegalArgumentException e) {
                LOG.log(Level.WARNING, "cannot forward to {0}: {1}", target, e.toString());
                respondToInvite(Response.TEMPORARILY_UNAVAILABLE);
            }
            end(new EndReason(EndReason.Kind.FORWARDED, target), false);
        });
    }

    /** The ACK of our 200 (incoming calls) confirms the dialog. */
    void acknowledged(Request ack) {
        if (phase == Phase.ANSWERED) {
            if (remoteSdp == null && ack.getRawContent() != null) {
                try {
                    Sdp.Description answer = Sdp.parse(new String(ack.getRawContent(), StandardCharsets.ISO_8859_1));
                    Sdp.Agreed agreed = answer.firstCommon(codecs()).orElseThrow(
                            () -> new IllegalArgumentException("no codec in common"));
                    remoteSdp = answer;
                    startMedia(agreed, answer, answerDirection(answer.direction()));
                } catch (IllegalArgumentException e) {
                    sendBye();
                    end(new EndReason(EndReason.Kind.FAILED, "unusable SDP answer: " + e.getMessage()), true);
                    return;
                }
            }
            phase = Phase.CONFIRMED;
            armSessionTimer();
            report(holdState());
        }
    }

    /** CANCEL of the INVITE before we answered: a missed call. */
    void cancelled(RequestEvent event) {
        respond(event, Response.OK);
        if (phase == Phase.OFFERED) {
            respondToInvite(Response.REQUEST_TERMINATED);
            end(EndReason.of(EndReason.Kind.CANCELLED), true);
        }
    }

    // ---------------------------------------------------------------- in-dialog requests

    /** A request inside this call's dialog other than ACK and CANCEL. */
    void requestInDialog(RequestEvent event) {
        Request request = event.getRequest();
        switch (request.getMethod()) {
            case Request.BYE -> {
                respond(event, Response.OK);
                if (!callId.equals(callIdOf(request))) {
                    // the BYE of a dialog this call has already left (replaced or transferred away)
                    return;
                }
                if (transferring || joinedByTransfer) {
                    end(EndReason.of(EndReason.Kind.TRANSFERRED), true);
                } else {
                    end(EndReason.of(EndReason.Kind.REMOTE_HANGUP), true);
                }
            }
            case Request.INVITE, Request.UPDATE -> offerReceived(event);
            case Request.INFO -> infoReceived(event);
            case Request.NOTIFY -> notifyReceived(event);
            case Request.REFER -> referReceived(event);
            case Request.SUBSCRIBE -> referSubscriptionRefreshed(event);
            default -> session.respond(event, Response.NOT_IMPLEMENTED);
        }
    }

    private static String callIdOf(Message message) {
        return ((CallIdHeader) message.getHeader(CallIdHeader.NAME)).getCallId();
    }

    private static boolean allows(Message message, String method) {
        var headers = message.getHeaders(AllowHeader.NAME);
        while (headers != null && headers.hasNext()) {
            for (String allowed : SessionTimer.text((javax.sip.header.Header) headers.next()).split(",")) {
                if (allowed.strip().equalsIgnoreCase(method)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** DTMF by SIP INFO (dtmf-relay or dtmf); other INFO packages are acknowledged and ignored. */
    private void infoReceived(RequestEvent event) {
        respond(event, Response.OK);
        Request info = event.getRequest();
        ContentTypeHeader type = (ContentTypeHeader) info.getHeader(ContentTypeHeader.NAME);
        if (type == null || info.getRawContent() == null || !type.getContentType().equalsIgnoreCase("application")) {
            return;
        }
        DtmfRelay.parse(type.getContentSubType(), new String(info.getRawContent(), StandardCharsets.ISO_8859_1))
                .filter(key -> key != DtmfRelay.FLASH)
                .ifPresent(this::reportDigit);
    }

    private void reportDigit(char digit) {
        if (phase != Phase.ENDED && listener != null && DIGITS.indexOf(digit) >= 0) {
            listener.dtmfReceived(digit);
        }
    }

    private void offerReceived(RequestEvent event) {
        Request request = event.getRequest();
        if (pendingOffer != null || (pendingRefresh != null && request.getRawContent() != null)) {
            // our own offer is outstanding: glare
            respond(event, Response.REQUEST_PENDING);
            return;
        }
        Optional<SessionTimer> requestedTimer = SessionTimer.of(request);
        if (requestedTimer.isPresent() && requestedTimer.get().seconds() < SessionTimer.MIN_SE) {
            respondTooSmall(event);
            return;
        }
        try {
            ServerTransaction transaction = serverTransaction(event);
            Response ok = response(request, Response.OK);
            answerSessionTimer(ok, requestedTimer.orElse(null), SessionTimer.supports(request, "timer"));
            if (request.getRawContent() != null) {
                Sdp.Description offer = Sdp.parse(new String(request.getRawContent(), StandardCharsets.ISO_8859_1));
                Optional<Sdp.Agreed> agreed = offer.firstCommon(codecs());
                if (agreed.isEmpty()) {
                    transaction.sendResponse(response(request, Response.NOT_ACCEPTABLE_HERE));
                    return;
                }
                remoteSdp = offer;
                remoteHold = offer.holds();
                MediaDirection ours = answerDirection(offer.direction());
                startMedia(agreed.get(), offer, ours);
                setSdp(ok, localDescription(ours, answerPayloads(agreed.get(), offer)));
            } else if (format != null && request.getMethod().equals(Request.INVITE)) {
                // an offerless re-INVITE asks for our offer: the present stream (an UPDATE without one, a session
                // refresh, gets no SDP back)
                setSdp(ok, localDescription(localHold ? MediaDirection.SENDONLY : MediaDirection.SENDRECV,
                        offerPayloads()));
            }
            transaction.sendResponse(ok);
            if (phase == Phase.CONFIRMED) {
                armSessionTimer();
                report(holdState());
            }
        } catch (IllegalArgumentException e) {
            respond(event, Response.NOT_ACCEPTABLE_HERE);
        } catch (ParseException | SipException | InvalidArgumentException e) {
            LOG.log(Level.WARNING, "cannot answer a re-INVITE: {0}", e.toString());
        }
    }

    // ---------------------------------------------------------------- hold, mute, DTMF

    @Override
    public void hold() {
        session.run(() -> changeDirection(true));
    }

    @Override
    public void resume() {
        session.run(() -> changeDirection(false));
    }

    private void changeDirection(boolean hold) {
        if (phase != Phase.CONFIRMED || format == null) {
            return;
        }
        if (pendingOffer != null) {
            session.schedule(() -> changeDirection(hold), Duration.ofMillis(200));
            return;
        }
        MediaDirection direction = hold ? (remoteHold ? MediaDirection.INACTIVE : MediaDirection.SENDONLY)
                : (remoteHold ? MediaDirection.RECVONLY : MediaDirection.SENDRECV);
        try {
            Request reinvite = dialog.createRequest(Request.INVITE);
            reinvite.setHeader(ourContact());
            List<Sdp.Payload> payloads = new ArrayList<>(List.of(payloadOf(format)));
            if (format.hasTelephoneEvents()) {
                payloads.add(telephoneEventPayload());
            }
            if (format.hasComfortNoise()) {
                payloads.add(new Sdp.Payload(format.comfortNoisePayloadType(), "CN", 8000, 1, ""));
            }
            setSdp(reinvite, localDescription(direction, payloads));
            setSessionTimerRefresh(reinvite);
            ClientTransaction transaction = endpoint.provider.getNewClientTransaction(reinvite);
            pendingOffer = transaction;
            pendingDirection = direction;
            localHold = hold;
            dialog.sendRequest(transaction);
        } catch (ParseException | SipException e) {
            LOG.log(Level.WARNING, "cannot send a re-INVITE: {0}", e.toString());
            pendingOffer = null;
        }
    }

    private void offerAnswered(Response response) {
        int status = response.getStatusCode();
        if (status < 200) {
            return;
        }
        boolean wantedHold = localHold;
        pendingOffer = null;
        if (status < 300) {
            acknowledge(response);
            if (response.getRawContent() != null) {
                try {
                    Sdp.Description answer = Sdp.parse(new String(response.getRawContent(),
                            StandardCharsets.ISO_8859_1));
                    remoteSdp = answer;
                    media.remote(answer.rtp(), null);
                } catch (IllegalArgumentException e) {
                    LOG.log(Level.WARNING, "unusable SDP in the answer to our re-INVITE: {0}", e.getMessage());
                }
            }
            media.direction(wantedHold ? MediaDirection.INACTIVE : pendingDirection);
            // every accepted re-INVITE refreshes the session (RFC 4028 section 10)
            startSessionTimer(SessionTimer.of(response), true);
            report(holdState());
        } else if (status == Response.REQUEST_PENDING) {
            // glare: retry after a random 2.1-4 s (we did not create the Call-ID's dialog) or 0-2 s
            long delay = outgoing ? ThreadLocalRandom.current().nextLong(2100, 4001)
                    : ThreadLocalRandom.current().nextLong(0, 2001);
            localHold = !wantedHold;
            session.schedule(() -> changeDirection(wantedHold), Duration.ofMillis(delay));
        } else {
            localHold = !wantedHold;
            LOG.log(Level.WARNING, "re-INVITE refused: {0}", SipRegistration.statusLine(response));
        }
    }

    /** Leaves TRANSFERRING for the hold state; the core's machine reaches REMOTE_HOLD from it only via CONNECTED. */
    private void reportAfterTransfer() {
        CallState now = holdState();
        if (now == CallState.REMOTE_HOLD) {
            report(CallState.CONNECTED);
        }
        report(now);
    }

    private CallState holdState() {
        if (localHold) {
            return CallState.ON_HOLD;
        }
        return remoteHold ? CallState.REMOTE_HOLD : CallState.CONNECTED;
    }

    /** At once, not through the worker: a queued mute ran after SIP work already waiting and {@link #muted()} lagged. */
    @Override
    public void mute() {
        RtpMediaSession current = media;
        if (current != null) {
            current.mute(true);
        }
    }

    @Override
    public void unmute() {
        RtpMediaSession current = media;
        if (current != null) {
            current.mute(false);
        }
    }

    @Override
    public boolean muted() {
        RtpMediaSession current = media;
        return current != null && current.muted();
    }

    @Override
    public void send(String digits) {
        for (char digit : digits.toCharArray()) {
            if (DIGITS.indexOf(digit) < 0) {
                throw new IllegalArgumentException("not a DTMF digit: '" + digit + "'");
            }
        }
        session.run(() -> {
            if (phase != Phase.CONFIRMED || media == null) {
                return;
            }
            boolean info = session.settings().dtmfMode() == SipAccountSettings.DtmfMode.INFO
                    || format == null || !format.hasTelephoneEvents();
            for (char digit : digits.toCharArray()) {
                if (info) {
                    sendInfo(DtmfRelay.body(digit, DTMF_DURATION.toMillis()));
                } else {
                    media.sendDtmf(DtmfEvent.ofSymbol(digit), DTMF_DURATION);
                }
            }
        });
    }

    private void sendInfo(String body) {
        try {
            Request info = dialog.createRequest(Request.INFO);
            info.setContent(body, endpoint.headers.createContentTypeHeader("application", "dtmf-relay"));
            dialog.sendRequest(endpoint.provider.getNewClientTransaction(info));
        } catch (ParseException | SipException e) {
            LOG.log(Level.WARNING, "cannot send DTMF by INFO: {0}", e.toString());
        }
    }

    // ---------------------------------------------------------------- transfer

    @Override
    public void transfer(String address) {
        String target = session.settings().targetUri(address);
        session.run(() -> {
            if (phase != Phase.CONFIRMED || transferring) {
                return;
            }
            refer(target);
        });
    }

    /** Sends REFER (RFC 3515) with the given Refer-To URI; progress arrives as NOTIFY sipfrag. */
    private void refer(String referToUri) {
        try {
            Request refer = dialog.createRequest(Request.REFER);
            refer.addHeader(endpoint.headers.createReferToHeader(
                    endpoint.addresses.createAddress("<" + referToUri + ">")));
            refer.setHeader(endpoint.headers.createHeader("Referred-By",
                    "<" + session.settings().addressOfRecord() + ">"));
            refer.setHeader(ourContact());
            transferring = true;
            sentReferCseq = ((CSeqHeader) refer.getHeader(CSeqHeader.NAME)).getSeqNumber();
            referSubscriptionGeneration++;
            report(CallState.TRANSFERRING);
            dialog.sendRequest(endpoint.provider.getNewClientTransaction(refer));
        } catch (ParseException | SipException | RuntimeException e) {
            transferFailed("cannot send REFER: " + e.getMessage());
        }
    }

    private void notifyReceived(RequestEvent event) {
        respond(event, Response.OK);
        Request notify = event.getRequest();
        if (!transferring || notify.getRawContent() == null) {
            return;
        }
        String fragment = new String(notify.getRawContent(), StandardCharsets.ISO_8859_1).strip();
        String[] status = fragment.split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("SIP/")) {
            return;
        }
        int code;
        try {
            code = Integer.parseInt(status[1]);
        } catch (NumberFormatException e) {
            return;
        }
        LOG.log(Level.INFO, "transfer of call {0}: {1}", callId, fragment.lines().findFirst().orElse(""));
        if (code < 200) {
            followReferSubscription(notify, fragment.lines().findFirst().orElse(fragment));
        } else if (code >= 200 && code < 300) {
            sendBye(dialog);
            end(EndReason.of(EndReason.Kind.TRANSFERRED), true);
            SipCall consulted = consultation;
            consultation = null;
            if (consulted != null && consulted.phase != Phase.ENDED) {
                // the target normally ends the replaced dialog itself; if it has not, we do
                consulted.sendBye(consulted.dialog);
                consulted.end(EndReason.of(EndReason.Kind.TRANSFERRED), true);
            }
        } else if (code >= 300) {
            transferFailed(fragment.lines().findFirst().orElse(fragment));
        }
    }

    /**
     * The implicit subscription of our REFER (RFC 3515 section 2.4.4, RFC 6665) after a provisional outcome: ended by
     * the transferee without a final one, the transfer failed; else it lasts the NOTIFY's {@code expires}: refreshed
     * by an in-dialog SUBSCRIBE before then (RFC 6665 section 4.1.2.1), and if no final outcome (or a NOTIFY with
     * a new lifetime) comes by its end, the transfer counts as failed and the call returns to its previous state.
     */
    private void followReferSubscription(Request notify, String progress) {
        if (!(notify.getHeader(SubscriptionStateHeader.NAME) instanceof SubscriptionStateHeader state)) {
            return;
        }
        if (SubscriptionStateHeader.TERMINATED.equalsIgnoreCase(state.getState())) {
            transferFailed("the transferee ended the transfer's subscription at \"" + progress + "\"");
            return;
        }
        int expires = state.getExpires();
        if (expires > 0) {
            armReferSubscription(expires);
        }
    }

    private void armReferSubscription(int expires) {
        long generation = ++referSubscriptionGeneration;
        long refreshIn = Math.max(1, expires - Math.min(32, expires / 2));
        session.schedule(() -> {
            if (generation == referSubscriptionGeneration && transferring) {
                refreshReferSubscription(expires);
            }
        }, Duration.ofSeconds(refreshIn));
        session.schedule(() -> {
            if (generation == referSubscriptionGeneration && transferring) {
                transferFailed("no outcome of the transfer before its subscription ran out (" + expires + " s)");
            }
        }, Duration.ofSeconds(expires));
    }

    private void refreshReferSubscription(int expires) {
        try {
            Request subscribe = dialog.createRequest(Request.SUBSCRIBE);
            javax.sip.header.EventHeader event = endpoint.headers.createEventHeader("refer");
            event.setEventId(Long.toString(sentReferCseq));
            subscribe.setHeader(event);
            subscribe.setHeader(endpoint.headers.createExpiresHeader(expires));
            subscribe.setHeader(ourContact());
            dialog.sendRequest(endpoint.provider.getNewClientTransaction(subscribe));
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            // the expiry timer still ends the wait
            LOG.log(Level.WARNING, "cannot refresh the transfer subscription of call {0}: {1}", callId, e.toString());
        }
    }

    /** The answer to our refresh: a 2xx re-arms the subscription with the lifetime it grants. */
    private void referSubscriptionAnswered(Response response) {
        if (!transferring || response.getStatusCode() < 200) {
            return;
        }
        if (response.getStatusCode() < 300 && response.getExpires() != null && response.getExpires().getExpires() > 0) {
            armReferSubscription(response.getExpires().getExpires());
        } else if (response.getStatusCode() >= 300) {
            LOG.log(Level.INFO, "call {0}: the transferee refused to refresh the transfer subscription: {1}", callId,
                    SipRegistration.statusLine(response));
        }
    }

    /**
     * An in-dialog SUBSCRIBE refreshing the subscription of a REFER we are carrying out: 200 with 60 s and a NOTIFY
     * of the progress so far (RFC 6665 section 4.2.1.1); 481 when no transfer is under way.
     */
    private void referSubscriptionRefreshed(RequestEvent event) {
        Request subscribe = event.getRequest();
        Referral current = referral;
        boolean refer = subscribe.getHeader(javax.sip.header.EventHeader.NAME) instanceof javax.sip.header.EventHeader
                header && header.getEventType().equalsIgnoreCase("refer");
        if (current == null || !refer) {
            respond(event, refer ? Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST : Response.BAD_EVENT);
            return;
        }
        try {
            Response ok = response(subscribe, Response.OK);
            ok.setHeader(endpoint.headers.createExpiresHeader(60));
            serverTransaction(event).sendResponse(ok);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot answer the transfer subscription refresh: {0}", e.toString());
            return;
        }
        sendNotify(current.referDialog(), current.referCseq(), "SIP/2.0 100 Trying", false);
    }

    private void transferFailed(String reason) {
        if (!transferring) {
            return;
        }
        referSubscriptionGeneration++;
        LOG.log(Level.WARNING, "transfer of call {0} failed: {1}", callId, reason);
        transferring = false;
        if (consultation != null) {
            consultation.joinedByTransfer = false;
            consultation = null;
        }
        reportAfterTransfer();
    }


    // ---------------------------------------------------------------- session timers (RFC 4028)

    /** Our 2xx to a request that may have asked for a session timer: the agreed interval, and who refreshes. */
    private void answerSessionTimer(Response ok, SessionTimer requested, boolean requesterSupportsTimer)
            throws ParseException {
        if (requested == null) {
            return;
        }
        String refresher = !requested.refresher().isEmpty() ? requested.refresher()
                : requesterSupportsTimer ? "uac" : "uas";
        SessionTimer agreed = new SessionTimer(requested.seconds(), refresher);
        ok.setHeader(endpoint.headers.createHeader(SessionTimer.SESSION_EXPIRES, agreed.headerValue()));
        if (requesterSupportsTimer) {
            ok.setHeader(endpoint.headers.createRequireHeader("timer"));
        }
        agreedTimer = agreed;
        weRefresh = refresher.equals("uas");
    }

    /** A 2xx to a request we sent: its Session-Expires (if any) is the agreement from now on. */
    private void startSessionTimer(Optional<SessionTimer> answered, boolean weSentTheRequest) {
        answered.ifPresent(timer -> {
            // a 2xx must name the refresher; if it does not, the side that asked refreshes
            String refresher = timer.refresher().isEmpty() ? (weSentTheRequest ? "uac" : "uas") : timer.refresher();
            agreedTimer = new SessionTimer(timer.seconds(), refresher);
            weRefresh = refresher.equals(weSentTheRequest ? "uac" : "uas");
        });
        armSessionTimer();
    }

    /** The current agreement in a re-INVITE or UPDATE of ours (we stay the refresher if we were). */
    private void setSessionTimerRefresh(Request request) throws ParseException {
        if (agreedTimer == null) {
            return;
        }
        SessionTimer refresh = new SessionTimer(agreedTimer.seconds(), weRefresh ? "uac" : "uas");
        request.setHeader(endpoint.headers.createHeader(SessionTimer.SESSION_EXPIRES, refresh.headerValue()));
        setSupported(request);
    }

    /** (Re)starts the refresh and expiry timers of the agreed interval; earlier ones lapse. */
    private void armSessionTimer() {
        long generation = ++timerGeneration;
        SessionTimer timer = agreedTimer;
        if (timer == null || phase != Phase.CONFIRMED) {
            return;
        }
        if (weRefresh) {
            session.schedule(() -> {
                if (generation == timerGeneration) {
                    refreshSession();
                }
            }, Duration.ofMillis(timer.refreshAfterMillis()));
        }
        session.schedule(() -> {
            if (generation == timerGeneration) {
                sessionExpired(timer);
            }
        }, Duration.ofMillis(timer.expiryAfterMillis()));
    }

    /** Our refresh: an UPDATE without a body where the peer allows UPDATE, else a re-INVITE with the same SDP. */
    private void refreshSession() {
        if (phase != Phase.CONFIRMED) {
            return;
        }
        if (pendingOffer != null || pendingRefresh != null || referral != null) {
            // an exchange already under way refreshes the session when it succeeds; look again shortly
            long generation = timerGeneration;
            session.schedule(() -> {
                if (generation == timerGeneration) {
                    refreshSession();
                }
            }, Duration.ofMillis(500));
            return;
        }
        if (!peerAllowsUpdate) {
            changeDirection(localHold);
            return;
        }
        try {
            Request update = dialog.createRequest(Request.UPDATE);
            update.setHeader(ourContact());
            setSessionTimerRefresh(update);
            ClientTransaction transaction = endpoint.provider.getNewClientTransaction(update);
            pendingRefresh = transaction;
            dialog.sendRequest(transaction);
        } catch (ParseException | SipException e) {
            pendingRefresh = null;
            LOG.log(Level.WARNING, "cannot send a session refresh: {0}", e.toString());
        }
    }

    private void refreshAnswered(Response response) {
        int status = response.getStatusCode();
        if (status < 200) {
            return;
        }
        pendingRefresh = null;
        if (status < 300) {
            startSessionTimer(SessionTimer.of(response), true);
        } else if (status == SessionTimer.SESSION_INTERVAL_TOO_SMALL && agreedTimer != null
                && SessionTimer.minimumOf(response).filter(minimum -> minimum > agreedTimer.seconds()).isPresent()) {
            agreedTimer = new SessionTimer(SessionTimer.minimumOf(response).orElseThrow(), "uac");
            refreshSession();
        } else if (status == Response.REQUEST_PENDING) {
            long generation = timerGeneration;
            session.schedule(() -> {
                if (generation == timerGeneration) {
                    refreshSession();
                }
            }, Duration.ofMillis(ThreadLocalRandom.current().nextLong(500, 2001)));
        } else {
            String reason = "session refresh refused: " + SipRegistration.statusLine(response);
            LOG.log(Level.WARNING, "call {0}: {1}", callId, reason);
            sendBye(dialog);
            end(new EndReason(EndReason.Kind.FAILED, reason), true);
        }
    }

    private void sessionExpired(SessionTimer timer) {
        if (phase != Phase.CONFIRMED) {
            return;
        }
        String reason = "the session expired: no refresh within " + timer.seconds() + " s";
        LOG.log(Level.WARNING, "call {0}: {1}", callId, reason);
        sendBye(dialog);
        end(new EndReason(EndReason.Kind.FAILED, reason), true);
    }

    private void respondTooSmall(RequestEvent event) {
        try {
            Response tooSmall = response(event.getRequest(), SessionTimer.SESSION_INTERVAL_TOO_SMALL);
            tooSmall.setHeader(endpoint.headers.createHeader(SessionTimer.MIN_SE_HEADER,
                    Integer.toString(SessionTimer.MIN_SE)));
            serverTransaction(event).sendResponse(tooSmall);
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot send 422: {0}", e.toString());
        }
    }

    // ---------------------------------------------------------------- being transferred (incoming REFER)

    /**
     * The far end transfers us (RFC 3515; RFC 5589 for blind and attended transfer): we accept (202), INVITE the
     * Refer-To target (with its Replaces, if any) and report the outcome to the far end as NOTIFY sipfrag.
     */
    private void referReceived(RequestEvent event) {
        Request refer = event.getRequest();
        if (phase != Phase.CONFIRMED) {
            respond(event, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
            return;
        }
        if (referral != null || transferring || pendingOffer != null) {
            respond(event, Response.REQUEST_PENDING);
            return;
        }
        ReferToHeader referTo = (ReferToHeader) refer.getHeader(ReferToHeader.NAME);
        if (referTo == null) {
            respond(event, Response.BAD_REQUEST);
            return;
        }
        String uri = referTo.getAddress().getURI().toString();
        String scheme = uri.toLowerCase(Locale.ROOT);
        if (!scheme.startsWith("sip:") && !scheme.startsWith("sips:")) {
            respond(event, Response.UNSUPPORTED_URI_SCHEME);
            return;
        }
        Optional<Replaces> replaces;
        try {
            replaces = Replaces.fromReferTo(uri);
        } catch (IllegalArgumentException e) {
            respond(event, Response.BAD_REQUEST);
            return;
        }
        String target = Replaces.targetOf(uri);
        long referCseq = ((CSeqHeader) refer.getHeader(CSeqHeader.NAME)).getSeqNumber();
        respond(event, Response.ACCEPTED);
        LOG.log(Level.INFO, "call {0}: the far end transfers us to {1}{2}", callId, target,
                replaces.isPresent() ? " (replacing a dialog)" : "");
        Referral started = null;
        try {
            CallIdHeader newCallId = endpoint.provider.getNewCallId();
            Request toTarget = newInvite(target, newCallId, Long.toHexString(ThreadLocalRandom.current().nextLong()));
            if (replaces.isPresent()) {
                toTarget.setHeader(endpoint.headers.createHeader("Replaces", replaces.get().headerValue()));
            }
            javax.sip.header.Header referredBy = refer.getHeader("Referred-By");
            if (referredBy != null) {
                toTarget.setHeader(referredBy);
            }
            ClientTransaction transaction = endpoint.provider.getNewClientTransaction(toTarget);
            started = new Referral(dialog, callId, referCseq, target, toTarget, transaction, newCallId.getCallId());
            referral = started;
            session.track(this, started.callId());
            notifyTransferor(started, "SIP/2.0 100 Trying", false);
            report(CallState.TRANSFERRING);
            transaction.sendRequest();
        } catch (ParseException | InvalidArgumentException | SipException | RuntimeException e) {
            LOG.log(Level.WARNING, "call {0}: cannot call the transfer target {1}: {2}", callId, target, e.toString());
            if (started != null) {
                referralFailed("SIP/2.0 500 Server Internal Error");
            } else {
                notifyOutcome(dialog, referCseq, "SIP/2.0 500 Server Internal Error");
            }
        }
    }

    /** A response to the INVITE we sent on the far end's REFER. */
    private void referralAnswered(Response response) {
        Referral current = referral;
        int status = response.getStatusCode();
        if (status < 200) {
            if (status > 100) {
                notifyTransferor(current, "SIP/2.0 " + status + " " + response.getReasonPhrase(), false);
            }
            return;
        }
        if (status < 300) {
            switchToReferredDialog(current, response);
            return;
        }
        if (status == Response.UNAUTHORIZED || status == Response.PROXY_AUTHENTICATION_REQUIRED) {
            Optional<DigestChallenge> usable = DigestHeaders.challenges(response).stream()
                    .filter(DigestChallenge::answerable).findFirst();
            long rounds = ((CSeqHeader) current.invite().getHeader(CSeqHeader.NAME)).getSeqNumber();
            if (usable.isPresent() && rounds < 3) {
                try {
                    Request retry = authorized(current.invite(), response, usable.get());
                    ClientTransaction transaction = endpoint.provider.getNewClientTransaction(retry);
                    referral = current.sentAgain(retry, transaction);
                    transaction.sendRequest();
                    return;
                } catch (ParseException | InvalidArgumentException | SipException e) {
                    LOG.log(Level.WARNING, "cannot answer the challenge for the transfer target: {0}", e.toString());
                }
            }
        }
        referralFailed("SIP/2.0 " + status + " " + response.getReasonPhrase());
    }

    /** The target answered: its dialog becomes this call's, the old one is told and ended. */
    private void switchToReferredDialog(Referral current, Response answer) {
        Dialog referred = current.transaction().getDialog();
        try {
            long cseq = ((CSeqHeader) answer.getHeader(CSeqHeader.NAME)).getSeqNumber();
            referred.sendAck(referred.createAck(cseq));
        } catch (InvalidArgumentException | SipException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot ACK the transfer target: {0}", e.toString());
        }
        notifyTransferor(current, "SIP/2.0 200 OK", true);
        sendBye(current.referDialog());
        session.untrack(current.referCallId(), this);
        referral = null;
        dialog = referred;
        callId = current.callId();
        invite = current.invite();
        inviteTransaction = current.transaction();
        changeRemote(new Participant(current.target(), ""));
        localHold = false;
        agreedTimer = null;
        applyAnswer(answer);
        peerAllowsUpdate = allows(answer, Request.UPDATE);
        startSessionTimer(SessionTimer.of(answer), true);
        LOG.log(Level.INFO, "call transferred: now talking to {0} (call {1})", current.target(), callId);
        reportAfterTransfer();
    }

    private void referralFailed(String statusLine) {
        Referral current = referral;
        referral = null;
        LOG.log(Level.WARNING, "call {0}: the transfer the far end asked for failed: {1}", callId, statusLine);
        notifyTransferor(current, statusLine, true);
        session.untrack(current.callId(), this);
        reportAfterTransfer();
    }

    private void notifyTransferor(Referral current, String statusLine, boolean terminated) {
        if (terminated) {
            notifyOutcome(current.referDialog(), current.referCseq(), statusLine);
        } else {
            sendNotify(current.referDialog(), current.referCseq(), statusLine, false);
        }
    }

    private void notifyOutcome(Dialog referDialog, long referCseq, String statusLine) {
        sendNotify(referDialog, referCseq, statusLine, true);
    }

    /** NOTIFY of the REFER's implicit subscription (RFC 3515 section 2.4.4) with the sipfrag of our INVITE's status. */
    private void sendNotify(Dialog referDialog, long referCseq, String statusLine, boolean terminated) {
        try {
            Request notify = referDialog.createRequest(Request.NOTIFY);
            javax.sip.header.EventHeader event = endpoint.headers.createEventHeader("refer");
            event.setEventId(Long.toString(referCseq));
            notify.setHeader(event);
            javax.sip.header.SubscriptionStateHeader state = endpoint.headers.createSubscriptionStateHeader(
                    terminated ? javax.sip.header.SubscriptionStateHeader.TERMINATED
                            : javax.sip.header.SubscriptionStateHeader.ACTIVE);
            if (terminated) {
                state.setReasonCode("noresource");
            } else {
                state.setExpires(60);
            }
            notify.setHeader(state);
            notify.setHeader(ourContact());
            notify.setContent(statusLine + "\r\n", endpoint.headers.createContentTypeHeader("message", "sipfrag"));
            referDialog.sendRequest(endpoint.provider.getNewClientTransaction(notify));
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot send the transfer NOTIFY ({0}): {1}", statusLine, e.toString());
        }
    }

    // ---------------------------------------------------------------- being replaced (INVITE with Replaces)

    /** The dialog an INVITE's Replaces header names, if it has a well-formed one. */
    static Optional<Replaces> replacing(Request request) {
        javax.sip.header.Header header = request.getHeader("Replaces");
        if (header == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Replaces.parse(SessionTimer.text(header)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * An INVITE with Replaces naming this call's confirmed dialog (RFC 3891 section 3), as the target of an attended
     * transfer receives it: answered at once, the old dialog ended with BYE, and the call goes on with the new peer.
     *
     * @return false if it does not name this call's dialog (the session answers 481)
     */
    boolean replaceWith(RequestEvent event) {
        Request request = event.getRequest();
        Optional<Replaces> replaces = replacing(request);
        if (replaces.isEmpty() || phase != Phase.CONFIRMED || dialog == null || media == null
                || !replaces.get().names(callId, dialog.getLocalTag(), dialog.getRemoteTag())) {
            return false;
        }
        ServerTransaction transaction;
        try {
            transaction = serverTransaction(event);
        } catch (SipException e) {
            LOG.log(Level.WARNING, "cannot take an INVITE with Replaces: {0}", e.toString());
            return true;
        }
        if (replaces.get().earlyOnly()) {
            // RFC 3891 section 3: early-only for a confirmed dialog is refused with 486
            respondOn(transaction, request, Response.BUSY_HERE);
            return true;
        }
        Sdp.Description offer = null;
        Sdp.Agreed agreed = null;
        if (request.getRawContent() != null) {
            try {
                offer = Sdp.parse(new String(request.getRawContent(), StandardCharsets.ISO_8859_1));
                agreed = offer.firstCommon(codecs()).orElseThrow(
                        () -> new IllegalArgumentException("no codec in common"));
            } catch (IllegalArgumentException e) {
                respondOn(transaction, request, Response.NOT_ACCEPTABLE_HERE);
                return true;
            }
        }
        Optional<SessionTimer> requestedTimer = SessionTimer.of(request);
        if (requestedTimer.isPresent() && requestedTimer.get().seconds() < SessionTimer.MIN_SE) {
            respondTooSmall(event);
            return true;
        }
        Dialog replaced = dialog;
        String replacedCallId = callId;
        FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
        String display = from.getAddress().getDisplayName();
        invite = request;
        incomingInvite = transaction;
        dialog = transaction.getDialog();
        callId = callIdOf(request);
        changeRemote(new Participant(from.getAddress().getURI().toString(), display == null ? "" : display));
        session.track(this, callId);
        localHold = false;
        agreedTimer = null;
        timerGeneration++;
        peerAllowsUpdate = allows(request, Request.UPDATE);
        try {
            Response ok = response(request, Response.OK);
            if (offer != null) {
                remoteSdp = offer;
                remoteHold = offer.holds();
                MediaDirection ours = answerDirection(offer.direction());
                startMedia(agreed, offer, ours);
                setSdp(ok, localDescription(ours, answerPayloads(agreed, offer)));
            } else {
                remoteSdp = null;
                setSdp(ok, localDescription(MediaDirection.SENDRECV, offerPayloads()));
            }
            answerSessionTimer(ok, requestedTimer.orElse(null), SessionTimer.supports(request, "timer"));
            transaction.sendResponse(ok);
            phase = Phase.ANSWERED;
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot answer the INVITE with Replaces: {0}", e.toString());
        }
        LOG.log(Level.INFO, "call {0} replaced by {1} from {2}", replacedCallId, callId, remote.address());
        sendBye(replaced);
        session.untrack(replacedCallId, this);
        return true;
    }

    private void respondOn(ServerTransaction transaction, Request request, int status) {
        try {
            transaction.sendResponse(response(request, status));
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot send {0}: {1}", status, e.toString());
        }
    }

    // ---------------------------------------------------------------- attended transfer, hook flash

    /**
     * Attended transfer (RFC 5589 section 7): the far end of this call is referred to the far end of the consultation
     * call, with a Replaces naming the consultation dialog, so that the target swaps that dialog for the new one.
     */
    @Override
    public void transfer(Call consultationCall) {
        SipCall other = consultationCall.capability(SipCall.class).orElseThrow(
                () -> new IllegalArgumentException("the consultation call is not a SIP call"));
        if (other == this) {
            throw new IllegalArgumentException("a call cannot be transferred to itself");
        }
        if (other.session != session) {
            throw new IllegalArgumentException("the consultation call must be a call of the same account");
        }
        session.run(() -> {
            if (phase != Phase.CONFIRMED || transferring || other.phase != Phase.CONFIRMED) {
                LOG.log(Level.WARNING, "attended transfer of call {0} not possible now ({1}, consultation {2})",
                        callId, phase, other.phase);
                return;
            }
            Replaces replaces = new Replaces(other.callId, other.dialog.getRemoteTag(), other.dialog.getLocalTag(),
                    false);
            consultation = other;
            other.joinedByTransfer = true;
            refer(Replaces.targetOf(other.remote.address()) + "?" + replaces.uriHeader());
        });
    }

    @Override
    public void flash() {
        session.run(() -> {
            if (phase != Phase.CONFIRMED || media == null) {
                return;
            }
            if (session.settings().dtmfMode() == SipAccountSettings.DtmfMode.INFO || format == null
                    || !format.hasTelephoneEvents()) {
                sendInfo(DtmfRelay.body(DtmfRelay.FLASH, FLASH_DURATION.toMillis()));
            } else {
                media.sendDtmf(DtmfEvent.FLASH, FLASH_DURATION);
            }
        });
    }

    // ---------------------------------------------------------------- conference, recording, quality

    @Override
    public void merge(Call other) {
        SipCall peer = other.capability(SipCall.class).orElseThrow(
                () -> new IllegalArgumentException("only SIP calls can be merged into this conference"));
        if (peer == this) {
            throw new IllegalArgumentException("a call cannot be merged with itself");
        }
        ConferenceMixer mixer = session.conferenceMixer();
        if (mixer == null) {
            throw new IllegalStateException("the media engine offers no conference mixer");
        }
        session.run(() -> {
            if (media == null || phase != Phase.CONFIRMED) {
                LOG.log(Level.WARNING, "call {0} cannot start a conference in phase {1}", callId, phase);
                return;
            }
            LocalConference joined = currentConference();
            if (joined == null) {
                try {
                    joined = new LocalConference(mixer.create(userEndpoints()));
                } catch (AudioDeviceException e) {
                    LOG.log(Level.WARNING, "cannot open the conference's devices: {0}", e.getMessage());
                    return;
                }
                join(joined);
            }
            LocalConference target = joined;
            peer.session.run(() -> peer.join(target));
        });
    }

    @Override
    public void split(Call other) {
        SipCall peer = other.capability(SipCall.class).orElseThrow(
                () -> new IllegalArgumentException("not a SIP call of this conference"));
        peer.session.run(() -> peer.leaveConference(true));
    }

    private void join(LocalConference target) {
        if (media == null || phase == Phase.ENDED) {
            return;
        }
        if (localHold) {
            changeDirection(false);
        }
        target.add(media);
        conference = target;
        LOG.log(Level.INFO, "call {0} joined a local conference", callId);
    }

    private void leaveConference(boolean hold) {
        LocalConference current = currentConference();
        conference = null;
        if (current == null) {
            return;
        }
        current.remove(media);
        if (hold) {
            changeDirection(true);
        }
    }

    /** The conference this call's media is in; a conference that ended with another member's departure is none. */
    private LocalConference currentConference() {
        LocalConference current = conference;
        RtpMediaSession session = media;
        return current != null && session != null && current.contains(session) ? current : null;
    }

    private AudioEndpoints userEndpoints() {
        SipAccountSettings settings = session.settings();
        return new AudioEndpoints(settings.captureDevice().orElse(null), settings.playbackDevice().orElse(null));
    }

    /**
     * Records the call (both sides mixed), or the whole conference when the call is in one.
     *
     * @throws IllegalStateException if there is no audio yet or the file cannot be written
     */
    @Override
    public void start(Path file) {
        RtpMediaSession current = media;
        if (current == null || phase == Phase.ENDED) {
            throw new IllegalStateException("the call has no audio to record");
        }
        try {
            LocalConference mixed = currentConference();
            if (mixed != null) {
                mixed.startRecording(file);
            } else {
                current.startRecording(file, RecordingMode.MIXED);
            }
            recording = true;
        } catch (IOException e) {
            throw new IllegalStateException("cannot record to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void stop() {
        LocalConference mixed = currentConference();
        if (mixed != null) {
            mixed.stopRecording();
        }
        RtpMediaSession current = media;
        if (current != null) {
            current.stopRecording();
        }
        recording = false;
    }

    @Override
    public boolean recording() {
        return recording;
    }

    @Override
    public Rating rating() {
        RtpMediaSession current = media;
        if (current == null) {
            return Rating.UNKNOWN;
        }
        return Rating.valueOf(current.quality().rating().name());
    }

    @Override
    public String detail() {
        RtpMediaSession current = media;
        if (current == null) {
            return "";
        }
        MediaQuality quality = current.quality();
        if (quality.rating() == MediaQuality.Rating.UNKNOWN) {
            return "";
        }
        String roundTrip = Double.isNaN(quality.roundTripMillis()) ? "RTT unknown"
                : String.format(Locale.ROOT, "RTT %.0f ms", quality.roundTripMillis());
        return String.format(Locale.ROOT, "%s, loss %.1f %%, jitter %.0f ms, %s, buffer %.0f ms", quality.codec(),
                quality.fractionLost() * 100, quality.jitterMillis(), roundTrip, quality.playoutDelayMillis());
    }

    /** What the media measures, for the ways audio flows now: our hold makes the media inactive, so nothing. */
    @Override
    public Levels levels() {
        RtpMediaSession current = media;
        if (current == null) {
            return Levels.NONE;
        }
        AudioLevels flowing = current.flowingLevels();
        return new Levels(flowing.microphoneDbfs(), flowing.speakerDbfs());
    }

    // ---------------------------------------------------------------- hang-up and end

    @Override
    public void hangup() {
        session.run(() -> {
            switch (phase) {
                case INVITING, EARLY -> {
                    cancelWanted = true;
                    if (provisionalReceived) {
                        sendCancel();
                    }
                    // without a provisional response CANCEL must wait (RFC 3261 section 9.1); it goes with the
                    // first 1xx, or a 2xx is ACKed and ended with BYE
                    releaseMedia();
                }
                case OFFERED -> {
                    respondToInvite(Response.DECLINE);
                    end(EndReason.of(EndReason.Kind.LOCAL_HANGUP), false);
                }
                case ANSWERED, CONFIRMED -> {
                    sendBye();
                    end(EndReason.of(EndReason.Kind.LOCAL_HANGUP), false);
                }
                case ENDED -> {
                    // nothing left to do
                }
            }
        });
    }

    private void sendBye() {
        sendBye(dialog);
    }

    private void sendBye(Dialog ending) {
        try {
            Request bye = ending.createRequest(Request.BYE);
            ending.sendRequest(endpoint.provider.getNewClientTransaction(bye));
        } catch (SipException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot send BYE: {0}", e.toString());
        }
    }

    /** The stack gave up on a request of the call (no answer to INVITE or BYE, transport error). */
    void failed(ClientTransaction transaction, String reason) {
        if (referral != null && transaction == referral.transaction()) {
            // only the transfer the far end asked for failed; the call with it goes on
            referralFailed("SIP/2.0 408 Request Timeout");
            return;
        }
        if (transaction != null && transaction == pendingRefresh) {
            pendingRefresh = null;
            reason = "no answer to the session refresh";
            sendBye(dialog);
        }
        if (phase != Phase.ENDED) {
            end(new EndReason(EndReason.Kind.FAILED, reason), true);
        }
    }

    private void end(EndReason reason, boolean tellCore) {
        boolean wasEnded = phase == Phase.ENDED;
        phase = Phase.ENDED;
        timerGeneration++;
        if (referral != null) {
            session.untrack(referral.callId(), this);
            referral = null;
        }
        if (media != null) {
            leaveConference(false);
        }
        releaseMedia();
        session.untrack(callId, this);
        if (!wasEnded && tellCore && listener != null) {
            reported = CallState.ENDED;
            listener.ended(reason);
        }
    }

    private void releaseMedia() {
        if (media != null) {
            media.close();
        }
    }

    void closeForShutdown() {
        if (phase == Phase.CONFIRMED || phase == Phase.ANSWERED) {
            sendBye();
        }
        end(new EndReason(EndReason.Kind.FAILED, "the account was closed"), true);
    }

    // ---------------------------------------------------------------- media

    private void openMedia() throws IOException {
        if (media != null) {
            return;
        }
        if (mediaFactory == null) {
            throw new IOException("no media engine is installed");
        }
        InetAddress local = InetAddress.ofLiteral(endpoint.localHost());
        SipAccountSettings settings = session.settings();
        try {
            media = mediaFactory.openRtp(MediaSessionOptions.of(local, settings.addressOfRecord(), userEndpoints()),
                    new MediaSessionListener() {
                        @Override
                        public void dtmfReceived(DtmfEvent event) {
                            // RFC 4733 events and in-band tones alike, from the media thread
                            session.run(() -> reportDigit(event.symbol()));
                        }
                    });
        } catch (dev.switchboard.media.audio.AudioDeviceException e) {
            throw new IOException("audio device: " + e.getMessage(), e);
        }
    }

    /** Starts media on a response's SDP answer; returns what makes it unusable, empty when it is fine or absent. */
    private Optional<String> applyAnswer(Response response) {
        if (response.getRawContent() == null) {
            return Optional.empty();
        }
        try {
            Sdp.Description answer = Sdp.parse(new String(response.getRawContent(), StandardCharsets.ISO_8859_1));
            Sdp.Agreed agreed = answer.firstCommon(codecs()).orElseThrow(
                    () -> new IllegalArgumentException("no codec of ours in the answer"));
            remoteSdp = answer;
            remoteHold = answer.holds();
            startMedia(agreed, answer, answerDirection(answer.direction()));
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "unusable SDP answer from {0}: {1}", remote.address(), e.getMessage());
            return Optional.of(e.getMessage());
        }
    }

    private void startMedia(Sdp.Agreed agreed, Sdp.Description peer, MediaDirection direction) {
        int clock = agreed.codec().info().clockRate();
        int telephoneEvent = peer.telephoneEvent(clock).map(Sdp.Payload::type).orElse(MediaFormat.NO_TELEPHONE_EVENT);
        int frame = agreed.codec().info().frameMillis();
        int packet = Math.max(frame, (peer.ptime() / frame) * frame);
        int comfortNoise = comfortNoise(agreed.codec(), peer).map(Sdp.Payload::type).orElse(MediaFormat.NO_COMFORT_NOISE);
        // the agreed payload is the peer's own line, so its fmtp (Opus usedtx, ...) tells the encoder what the peer wants
        MediaFormat next = new MediaFormat(agreed.codec(), agreed.payload().type(), packet, telephoneEvent, comfortNoise,
                agreed.payload().fmtp());
        String before = format == null ? null : format.codec().info().rtpmap();
        format = next;
        media.remote(peer.rtp(), null);
        media.format(next);
        media.direction(localHold ? MediaDirection.INACTIVE : direction);
        String now = next.codec().info().rtpmap();
        if (!now.equals(before) && listener != null) {
            listener.codecChanged(now);
        }
    }

    /** What we answer to an offered direction, also keeping our own hold. */
    private MediaDirection answerDirection(MediaDirection offered) {
        MediaDirection reverse = offered.reverse();
        return localHold ? MediaDirection.of(reverse.sends(), false) : reverse;
    }

    /** The media engine's codecs as this account wants them offered. */
    private List<AudioCodec> codecs() {
        return session.settings().choose(mediaFactory.offerable(), codec -> codec.info().encodingName());
    }

    private List<Sdp.Payload> offerPayloads() {
        return Sdp.offerPayloads(codecs());
    }

    private static List<Sdp.Payload> answerPayloads(Sdp.Agreed agreed, Sdp.Description offer) {
        int clock = agreed.codec().info().clockRate();
        List<Sdp.Payload> payloads = new ArrayList<>(List.of(agreed.payload()));
        offer.telephoneEvent(clock).ifPresent(payloads::add);
        comfortNoise(agreed.codec(), offer).ifPresent(payloads::add);
        return payloads;
    }

    /**
     * The peer's comfort-noise payload usable with the codec: RFC 3389 noise is described at 8 kHz, so a wideband
     * codec (G.722's RTP clock is 8000 too) would need a CN type at its own sample rate, which we do not offer.
     */
    private static Optional<Sdp.Payload> comfortNoise(AudioCodec codec, Sdp.Description peer) {
        return codec.info().sampleRate() == 8000 ? peer.comfortNoise(codec.info().clockRate()) : Optional.empty();
    }

    private Sdp.Payload payloadOf(MediaFormat current) {
        AudioCodec codec = current.codec();
        return new Sdp.Payload(current.payloadType(), codec.info().encodingName(), codec.info().clockRate(),
                codec.info().channels(), codec.info().fmtp() == null ? "" : codec.info().fmtp());
    }

    private Sdp.Payload telephoneEventPayload() {
        return new Sdp.Payload(format.telephoneEventPayloadType(), "telephone-event", format.codec().info().clockRate(),
                1, "0-16");
    }

    private Sdp.Description localDescription(MediaDirection direction, List<Sdp.Payload> payloads) {
        InetSocketAddress rtp = media.localRtpAddress();
        return new Sdp.Description(rtp, payloads, direction, format == null ? Sdp.DEFAULT_PTIME : format.packetMillis(),
                sdpSessionId, sdpVersion++);
    }

    private void setSdp(Message message, Sdp.Description description) throws ParseException {
        ContentTypeHeader type = endpoint.headers.createContentTypeHeader("application", "sdp");
        message.setContent(Sdp.write(description, "switchboard"), type);
    }

    // ---------------------------------------------------------------- responses

    /**
     * Our Contact in this dialog: a SIPS URI when the account's address is one or the dialog was set up for a sips:
     * URI (RFC 3261 8.1.1.8 and 12.1.1: then the far end must reach us over TLS too).
     */
    private ContactHeader ourContact() throws ParseException {
        return endpoint.contact(session.settings().registeredUser(), secureDialog);
    }

    private Response response(Request request, int status) throws ParseException {
        Response response = endpoint.messages.createResponse(status, request);
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            to.setTag(localTag);
        }
        if (status >= 101 && status < 300 && Request.INVITE.equals(request.getMethod())) {
            ContactHeader contact = ourContact();
            response.setHeader(contact);
        }
        response.addHeader(endpoint.userAgent());
        return response;
    }

    private void respondToInvite(int status) {
        try {
            incomingInvite.sendResponse(response(invite, status));
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot send {0} to the INVITE: {1}", status, e.toString());
        }
    }

    private void respond(RequestEvent event, int status) {
        try {
            serverTransaction(event).sendResponse(response(event.getRequest(), status));
        } catch (ParseException | SipException | InvalidArgumentException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot send {0} to {1}: {2}", status, event.getRequest().getMethod(),
                    e.toString());
        }
    }

    private ServerTransaction serverTransaction(RequestEvent event) throws SipException {
        ServerTransaction transaction = event.getServerTransaction();
        return transaction != null ? transaction : endpoint.provider.getNewServerTransaction(event.getRequest());
    }

    private void report(CallState state) {
        if (state == reported || phase == Phase.ENDED || listener == null) {
            return;
        }
        reported = state;
        listener.stateChanged(state);
    }

    // ---------------------------------------------------------------- CallLeg

    @Override
    public Participant remote() {
        return remote;
    }

    @Override
    public Optional<String> codec() {
        MediaFormat current = format;
        return current == null ? Optional.empty() : Optional.of(current.codec().info().rtpmap());
    }

    @Override
    public <T> Optional<T> capability(Class<T> type) {
        // SipCall itself is how a consultation or conference partner is recognised (same bundle only)
        if (type == Hold.class || type == Mute.class || type == Dtmf.class || type == Transfer.class
                || type == AttendedTransfer.class || type == HookFlash.class || type == Record.class
                || type == QualityIndicator.class || type == AudioLevelMeter.class || type == SipCall.class
                || (type == Conference.class && session.conferenceMixer() != null)) {
            return Optional.of(type.cast(this));
        }
        return Optional.empty();
    }

    String callId() {
        return callId;
    }

    Dialog dialog() {
        return dialog;
    }
}
