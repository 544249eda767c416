package dev.switchboard.protocol.sip.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
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
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Message;
import javax.sip.message.Request;
import javax.sip.message.Response;

import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.EndReason;
import dev.switchboard.core.call.Participant;
import dev.switchboard.core.call.capability.Dtmf;
import dev.switchboard.core.call.capability.Hold;
import dev.switchboard.core.call.capability.Mute;
import dev.switchboard.core.call.capability.Transfer;
import dev.switchboard.core.spi.CallLeg;
import dev.switchboard.core.spi.CallLegListener;
import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.dtmf.DtmfEvent;
import dev.switchboard.media.session.AudioEndpoints;
import dev.switchboard.media.session.MediaDirection;
import dev.switchboard.media.session.MediaFormat;
import dev.switchboard.media.session.MediaSessionFactory;
import dev.switchboard.media.session.MediaSessionListener;
import dev.switchboard.media.session.MediaSessionOptions;
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
 */
final class SipCall implements CallLeg, Hold, Mute, Dtmf, Transfer {

    enum Phase {
        INVITING, EARLY, OFFERED, ANSWERED, CONFIRMED, ENDED
    }

    private static final Logger LOG = System.getLogger(SipCall.class.getName());
    private static final Duration DTMF_DURATION = Duration.ofMillis(160);

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
    private RtpMediaSession media;
    private Sdp.Description remoteSdp;
    private MediaFormat format;
    private long sdpVersion;
    private boolean localHold;
    private boolean remoteHold;
    private ClientTransaction pendingOffer;
    private MediaDirection pendingDirection;
    private boolean transferring;

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
        var addresses = endpoint.addresses;
        var headers = endpoint.headers;
        SipAccountSettings settings = session.settings();
        Address from = addresses.createAddress(settings.addressOfRecord());
        if (!settings.displayName().isBlank()) {
            from.setDisplayName(settings.displayName());
        }
        CallIdHeader callIdHeader = endpoint.provider.getNewCallId();
        callId = callIdHeader.getCallId();
        Request request = endpoint.messages.createRequest(addresses.createURI(target), Request.INVITE, callIdHeader,
                headers.createCSeqHeader(1L, Request.INVITE), headers.createFromHeader(from, localTag),
                headers.createToHeader(addresses.createAddress(target), null), endpoint.vias(),
                headers.createMaxForwardsHeader(70));
        request.addHeader(endpoint.contact(settings.registeredUser()));
        request.addHeader(endpoint.userAgent());
        request.addHeader(headers.createAllowHeader(SipSession.ALLOWED_METHODS));
        setSdp(request, localDescription(MediaDirection.SENDRECV, offerPayloads()));
        return request;
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
        if (method.equals(Request.REFER)) {
            if (status >= 300) {
                transferFailed(SipRegistration.statusLine(response));
            }
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
                applyAnswer(response);
                phase = Phase.CONFIRMED;
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
        if (cancelWanted || status == Response.REQUEST_TERMINATED) {
            end(EndReason.of(EndReason.Kind.LOCAL_HANGUP), false);
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
            Request retry = (Request) invite.clone();
            CSeqHeader cseq = (CSeqHeader) retry.getHeader(CSeqHeader.NAME);
            cseq.setSeqNumber(cseq.getSeqNumber() + 1);
            retry.removeHeader(javax.sip.header.ViaHeader.NAME);
            retry.addHeader(endpoint.via());
            DigestCredentials.Answer answer = session.credentials().answer(usable.get(), Request.INVITE,
                    retry.getRequestURI().toString());
            retry.setHeader(DigestHeaders.authorization(endpoint.headers, answer,
                    challenge.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED));
            send(retry);
        } catch (ParseException | InvalidArgumentException | SipException e) {
            end(new EndReason(EndReason.Kind.FAILED, "cannot answer the proxy's challenge: " + e.getMessage()), true);
        }
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
            report(remoteHold ? CallState.REMOTE_HOLD : CallState.CONNECTED);
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
                if (transferring) {
                    end(EndReason.of(EndReason.Kind.TRANSFERRED), true);
                } else {
                    end(EndReason.of(EndReason.Kind.REMOTE_HANGUP), true);
                }
            }
            case Request.INVITE, Request.UPDATE -> offerReceived(event);
            case Request.INFO -> respond(event, Response.OK);
            case Request.NOTIFY -> notifyReceived(event);
            default -> session.respond(event, Response.NOT_IMPLEMENTED);
        }
    }

    private void offerReceived(RequestEvent event) {
        Request request = event.getRequest();
        if (pendingOffer != null) {
            // our own offer is outstanding: glare
            respond(event, Response.REQUEST_PENDING);
            return;
        }
        try {
            ServerTransaction transaction = serverTransaction(event);
            Response ok = response(request, Response.OK);
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
            } else if (format != null) {
                // an offerless re-INVITE asks for our offer: the present stream
                setSdp(ok, localDescription(localHold ? MediaDirection.SENDONLY : MediaDirection.SENDRECV,
                        offerPayloads()));
            }
            transaction.sendResponse(ok);
            if (phase == Phase.CONFIRMED) {
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
            reinvite.setHeader(endpoint.contact(session.settings().registeredUser()));
            List<Sdp.Payload> payloads = List.of(payloadOf(format), telephoneEventPayload());
            setSdp(reinvite, localDescription(direction, format.hasTelephoneEvents() ? payloads
                    : List.of(payloadOf(format))));
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

    private CallState holdState() {
        if (localHold) {
            return CallState.ON_HOLD;
        }
        return remoteHold ? CallState.REMOTE_HOLD : CallState.CONNECTED;
    }

    @Override
    public void mute() {
        session.run(() -> {
            if (media != null) {
                media.mute(true);
            }
        });
    }

    @Override
    public void unmute() {
        session.run(() -> {
            if (media != null) {
                media.mute(false);
            }
        });
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
                    sendInfoDigit(digit);
                } else {
                    media.sendDtmf(DtmfEvent.ofSymbol(digit), DTMF_DURATION);
                }
            }
        });
    }

    private void sendInfoDigit(char digit) {
        try {
            Request info = dialog.createRequest(Request.INFO);
            String body = "Signal=" + digit + "\r\nDuration=" + DTMF_DURATION.toMillis() + "\r\n";
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
            try {
                Request refer = dialog.createRequest(Request.REFER);
                refer.addHeader(endpoint.headers.createReferToHeader(endpoint.addresses.createAddress(target)));
                refer.setHeader(endpoint.contact(session.settings().registeredUser()));
                transferring = true;
                report(CallState.TRANSFERRING);
                dialog.sendRequest(endpoint.provider.getNewClientTransaction(refer));
            } catch (ParseException | SipException e) {
                transferFailed("cannot send REFER: " + e.getMessage());
            }
        });
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
        if (code >= 200 && code < 300) {
            sendBye();
            end(EndReason.of(EndReason.Kind.TRANSFERRED), true);
        } else if (code >= 300) {
            transferFailed(fragment.lines().findFirst().orElse(fragment));
        }
    }

    private void transferFailed(String reason) {
        if (!transferring) {
            return;
        }
        LOG.log(Level.WARNING, "transfer of call {0} failed: {1}", callId, reason);
        transferring = false;
        report(holdState());
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
        try {
            Request bye = dialog.createRequest(Request.BYE);
            dialog.sendRequest(endpoint.provider.getNewClientTransaction(bye));
        } catch (SipException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot send BYE: {0}", e.toString());
        }
    }

    /** The stack gave up on the call (no answer to INVITE or BYE, transport error). */
    void failed(String reason) {
        if (phase != Phase.ENDED) {
            end(new EndReason(EndReason.Kind.FAILED, reason), true);
        }
    }

    private void end(EndReason reason, boolean tellCore) {
        boolean wasEnded = phase == Phase.ENDED;
        phase = Phase.ENDED;
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
            media = mediaFactory.openRtp(MediaSessionOptions.of(local, settings.addressOfRecord(),
                    new AudioEndpoints(settings.captureDevice().orElse(null), settings.playbackDevice().orElse(null))),
                    new MediaSessionListener() {
                    });
        } catch (dev.switchboard.media.audio.AudioDeviceException e) {
            throw new IOException("audio device: " + e.getMessage(), e);
        }
    }

    private void applyAnswer(Response response) {
        if (response.getRawContent() == null) {
            return;
        }
        try {
            Sdp.Description answer = Sdp.parse(new String(response.getRawContent(), StandardCharsets.ISO_8859_1));
            Sdp.Agreed agreed = answer.firstCommon(codecs()).orElseThrow(
                    () -> new IllegalArgumentException("no codec of ours in the answer"));
            remoteSdp = answer;
            remoteHold = answer.holds();
            startMedia(agreed, answer, answerDirection(answer.direction()));
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "unusable SDP answer from {0}: {1}", remote.address(), e.getMessage());
        }
    }

    private void startMedia(Sdp.Agreed agreed, Sdp.Description peer, MediaDirection direction) {
        int clock = agreed.codec().info().clockRate();
        int telephoneEvent = peer.telephoneEvent(clock).map(Sdp.Payload::type).orElse(MediaFormat.NO_TELEPHONE_EVENT);
        int frame = agreed.codec().info().frameMillis();
        int packet = Math.max(frame, (peer.ptime() / frame) * frame);
        MediaFormat next = new MediaFormat(agreed.codec(), agreed.payload().type(), packet, telephoneEvent);
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
        return offer.telephoneEvent(clock).map(event -> List.of(agreed.payload(), event))
                .orElse(List.of(agreed.payload()));
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

    private Response response(Request request, int status) throws ParseException {
        Response response = endpoint.messages.createResponse(status, request);
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
            to.setTag(localTag);
        }
        if (status >= 101 && status < 300 && Request.INVITE.equals(request.getMethod())) {
            ContactHeader contact = endpoint.contact(session.settings().registeredUser());
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
        if (type == Hold.class || type == Mute.class || type == Dtmf.class || type == Transfer.class) {
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
