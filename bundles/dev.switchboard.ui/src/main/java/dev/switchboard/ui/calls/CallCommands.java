package dev.switchboard.ui.calls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.switchboard.core.account.AccountRegistry;
import dev.switchboard.core.call.CallManager;
import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.capability.AttendedTransfer;
import dev.switchboard.core.call.capability.Conference;
import dev.switchboard.core.call.capability.Dtmf;
import dev.switchboard.core.call.capability.Hold;
import dev.switchboard.core.call.capability.HookFlash;
import dev.switchboard.core.call.capability.Mute;
import dev.switchboard.core.call.capability.Record;
import dev.switchboard.core.call.capability.Transfer;
import dev.switchboard.ui.operations.CoreOperations;

/**
 * What the buttons, the keypad, the incoming-call notification and the global shortcuts do to
 * calls, in one place. Each command runs on {@link CoreOperations}' worker; the returned future
 * fails with the core's reason, which the caller shows next to the control that was used. A
 * capability that has gone away since the button was drawn fails with a sentence, not a crash.
 */
@Component(service = CallCommands.class)
public final class CallCommands {

    private static final DateTimeFormatter RECORDING_NAME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH-mm-ss");

    private final CoreOperations operations;
    private final CallFeed feed;
    /** The account setting naming its voice mailbox (a user or an address), as the SIP account page calls it. */
    public static final String MAILBOX_SETTING = "mailbox";

    private volatile CallManager manager;
    private volatile AccountRegistry accounts;

    @Activate
    public CallCommands(@Reference CoreOperations operations, @Reference CallFeed feed) {
        this.operations = operations;
        this.feed = feed;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCallManager(CallManager newManager) {
        manager = newManager;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindAccountRegistry(AccountRegistry newRegistry) {
        accounts = newRegistry;
    }

    void unbindAccountRegistry(AccountRegistry oldRegistry) {
        if (accounts == oldRegistry) {
            accounts = null;
        }
    }

    void unbindCallManager(CallManager oldManager) {
        if (manager == oldManager) {
            manager = null;
        }
    }

    /** Places a call; fails with the call manager's reason (not registered, malformed address, ...). */
    public CompletableFuture<String> dial(String accountId, String address) {
        return operations.supply(() -> callManager().dial(accountId, address).id());
    }

    /** Answers a ringing call, first holding the call the user is talking on (call waiting). */
    public CompletableFuture<Void> answer(CallView ringing) {
        CallBoard board = feed.current();
        return operations.run(() -> {
            for (CallView other : CallControls.toHoldBeforeAnswering(ringing, board)) {
                other.call().capability(Hold.class).ifPresent(Hold::hold);
            }
            ringing.call().answer();
        });
    }

    public CompletableFuture<Void> reject(CallView ringing) {
        return operations.run(ringing.call()::reject);
    }

    /** Sends a ringing call on, unanswered, to {@code target}; fails if the protocol cannot forward. */
    public CompletableFuture<Void> forward(CallView ringing, String target) {
        return operations.run(() -> {
            try {
                ringing.call().forward(target);
            } catch (UnsupportedOperationException e) {
                throw new IllegalStateException("this account's calls cannot be forwarded", e);
            }
        });
    }

    /** The voice mailbox of the call's account, when the account names one. */
    public Optional<String> mailbox(CallView call) {
        AccountRegistry current = accounts;
        return current == null ? Optional.empty()
                : current.account(call.accountId()).flatMap(account -> account.setting(MAILBOX_SETTING))
                        .map(String::strip).filter(value -> !value.isEmpty());
    }

    public CompletableFuture<Void> hangUp(CallView call) {
        return operations.run(call.call()::hangup);
    }

    public CompletableFuture<Void> toggleMute(CallView call) {
        return afterwardsRefresh(call, operations.run(() -> {
            Mute mute = need(call, Mute.class, "mute");
            if (mute.muted()) {
                mute.unmute();
            } else {
                mute.mute();
            }
        }));
    }

    public CompletableFuture<Void> toggleHold(CallView call) {
        return operations.run(() -> {
            Hold hold = need(call, Hold.class, "hold");
            if (call.call().state() == CallState.ON_HOLD) {
                hold.resume();
            } else {
                hold.hold();
            }
        });
    }

    /** Call waiting: holds the connected call and resumes {@code held}. */
    public CompletableFuture<Void> swap(CallView held) {
        Optional<CallView> partner = CallControls.swapPartner(held, feed.current());
        return operations.run(() -> {
            partner.ifPresent(other -> need(other, Hold.class, "hold").hold());
            need(held, Hold.class, "resume").resume();
        });
    }

    public CompletableFuture<Void> blindTransfer(CallView call, String target) {
        return operations.run(() -> need(call, Transfer.class, "transfer").transfer(target));
    }

    /** The first step of an attended transfer: holds the call and calls the target from the same account. */
    public CompletableFuture<String> consult(CallView call, String target) {
        return operations.supply(() -> {
            if (call.call().state() == CallState.CONNECTED) {
                call.call().capability(Hold.class).ifPresent(Hold::hold);
            }
            return callManager().dial(call.accountId(), target).id();
        });
    }

    /** The second step: joins the held call's far end with the consultation's. */
    public CompletableFuture<Void> completeTransfer(CallView call, CallView consultation) {
        return operations.run(() -> need(call, AttendedTransfer.class, "transfer").transfer(consultation.call()));
    }

    public CompletableFuture<Void> merge(CallView call) {
        var others = CallControls.others(call, feed.current());
        return operations.run(() -> {
            Conference conference = need(call, Conference.class, "merge");
            others.forEach(other -> conference.merge(other.call()));
        });
    }

    /** Starts recording into {@code folder} (created if missing) or stops a running recording. */
    public CompletableFuture<Void> toggleRecording(CallView call, Path folder) {
        return afterwardsRefresh(call, operations.run(() -> {
            Record record = need(call, Record.class, "record");
            if (record.recording()) {
                record.stop();
                return;
            }
            try {
                Files.createDirectories(folder);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create the recordings folder " + folder + ": " + e.getMessage(), e);
            }
            String peer = call.peerLabel().replaceAll("[^A-Za-z0-9@+._-]+", "_");
            record.start(folder.resolve(LocalDateTime.now().format(RECORDING_NAME) + " " + peer + ".wav"));
        }));
    }

    public CompletableFuture<Void> sendTones(CallView call, String digits) {
        return operations.run(() -> need(call, Dtmf.class, "send tones").send(digits));
    }

    public CompletableFuture<Void> flash(CallView call) {
        return operations.run(() -> need(call, HookFlash.class, "flash").flash());
    }

    private CompletableFuture<Void> afterwardsRefresh(CallView call, CompletableFuture<Void> operation) {
        return operation.whenComplete((done, failure) -> feed.refresh(call.id()));
    }

    private CallManager callManager() {
        CallManager current = manager;
        if (current == null) {
            throw new IllegalStateException("the call service is not running");
        }
        return current;
    }

    private static <T> T need(CallView call, Class<T> capability, String what) {
        return call.call().capability(capability).orElseThrow(
                () -> new IllegalStateException("this call can no longer " + what));
    }
}
