package dev.switchboard.protocol.sip.tests;

import static dev.switchboard.protocol.sip.tests.SippScenarioFragments.registered;
import static dev.switchboard.protocol.sip.tests.SippScenarioFragments.reply;
import static dev.switchboard.protocol.sip.tests.SippScenarioFragments.replyInDialog;
import static dev.switchboard.protocol.sip.tests.SippScenarioFragments.unregistered;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.MessageSummary;
import dev.switchboard.core.account.MessageWaiting;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.protocol.sip.tests.SippScenarioFragments.Notifier;
import dev.switchboard.testing.peers.Sipp;

/**
 * Message waiting (RFC 3842) against a SIPp registrar and mailbox: once registered the account subscribes to
 * {@code message-summary} (answering a digest challenge), shows each NOTIFY's counts, answers a NOTIFY without the
 * mandatory {@code Messages-Waiting} line 400 and keeps the last good summary; closing the session ends the
 * subscription (RFC 6665: SUBSCRIBE with Expires 0 in its dialog) and answers the final NOTIFY before unregistering.
 */
class SipMessageWaitingIT {

    private static final Duration STEP = Duration.ofSeconds(10);

    /**
     * Two SIPp calls: the REGISTER dialog (register, later unregister) and the subscription, which closing the session
     * ends (SUBSCRIBE with Expires 0 in its dialog, final NOTIFY without a body).
     */
    private static final Notifier MAILBOX = new Notifier("8000", "mwi", "8000", "message-summary",
            "application/simple-message-summary");

    private static final String SCENARIO = """
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="registrar and voice mailbox">
              <recv request="REGISTER" optional="true" next="register"/>
              <recv request="SUBSCRIBE">
                <action>
                  <ereg regexp="message-summary" search_in="hdr" header="Event:" check_it="true" assign_to="e1"/>
                  <ereg regexp="application/simple-message-summary" search_in="hdr" header="Accept:" check_it="true" assign_to="e2"/>
                  <ereg regexp="sip:8000@127.0.0.1" search_in="msg" check_it="true" assign_to="e3"/>
                </action>
              </recv>
            """ + reply("401 Unauthorized", "mwi",
            "WWW-Authenticate: Digest realm=\"127.0.0.1\", nonce=\"mwi0001\", qop=\"auth\", algorithm=MD5") + """
              <recv request="SUBSCRIBE">
                <action>
                  <ereg regexp="response=" search_in="hdr" header="Authorization:" check_it="true" assign_to="e4"/>
                  <ereg regexp="sip:[^>]*" search_in="hdr" header="Contact:" check_it="true" assign_to="contact"/>
                  <ereg regexp="tag=([^;]*)" search_in="hdr" header="From:" check_it="true" assign_to="e5,fromtag"/>
                </action>
              </recv>
            """ + reply("200 OK", "mwi", "Contact: <sip:8000@[local_ip]:[local_port]>", "Expires: 600")
            + MAILBOX.notify(1, "active;expires=600", """
                    Messages-Waiting: yes
                    Message-Account: sip:8000@127.0.0.1
                    Voice-Message: 2/8 (0/2)""") + """
              <recv response="200"/>
            """ + MAILBOX.notify(2, "active;expires=590", "Voice-Message: lots") + """
              <recv response="400"/>
            """ + MAILBOX.notify(3, "active;expires=580", """
                    Messages-Waiting: no
                    Voice-Message: 0/10""") + """
              <recv response="200"/>
              <recv request="SUBSCRIBE">
                <action>
                  <ereg regexp="^ *0 *$" search_in="hdr" header="Expires:" check_it="true" assign_to="e6"/>
                  <ereg regexp="tag=[0-9]+mwi" search_in="hdr" header="To:" check_it="true" assign_to="e7"/>
                  <ereg regexp="^SUBSCRIBE sip:8000@127\\.0\\.0\\.1:[0-9]+ " search_in="msg" check_it="true" assign_to="e8"/>
                </action>
              </recv>
            """ + replyInDialog("200 OK", "Expires: 0") + MAILBOX.notifyWithoutBody(4, "terminated;reason=timeout") + """
              <recv response="200" next="end"/>

              <label id="register"/>
            """ + registered() + """
              <recv request="REGISTER"/>
            """ + unregistered() + """
              <label id="end"/>
              <!-- the checks above fail the scenario on a mismatch; their variables are never read -->
              <Reference variables="e1,e2,e3,e4,e5,e6,e7,e8"/>
            </scenario>
            """;

    @Test
    void subscribesAndShowsTheMailboxCounts(@TempDir Path directory) throws Exception {
        Path scenario = Files.writeString(directory.resolve("mwi.xml"), SCENARIO);
        try (Sipp sipp = Sipp.builder().scenario(scenario).remote("127.0.0.1", 9).calls(2)
                .timeout(Duration.ofSeconds(20)).start()) {
            RecordingSessionListener listener = new RecordingSessionListener();
            Account account = SipPlugin.account("mwi", "alice", "127.0.0.1", "127.0.0.1:" + sipp.localPort(),
                    "mailbox", "8000", "keepalive", "60");
            BlockingQueue<MessageSummary> summaries = new LinkedBlockingQueue<>();
            MessageWaiting mailbox;
            long closeStarted;
            try (ClosingSession closing = new ClosingSession(SipPlugin.provider().open(account,
                    "alice123".toCharArray(), listener))) {
                mailbox = closing.session().capability(MessageWaiting.class).orElseThrow();
                assertEquals(Optional.empty(), mailbox.summary());
                mailbox.addListener(summaries::add);
                closing.session().register();
                listener.await(RegistrationState.Kind.REGISTERED, STEP);

                assertEquals(new MessageSummary(true, 2, 8), next(summaries));
                // the malformed NOTIFY (answered 400, which the scenario checks) changes nothing
                assertEquals(new MessageSummary(false, 0, 10), next(summaries));
                assertEquals(Optional.of(new MessageSummary(false, 0, 10)), mailbox.summary());
                assertNull(summaries.poll());
                closeStarted = System.nanoTime();
            }
            // closing ended the subscription (Expires 0 in its dialog, checked by the scenario) and waited for the
            // final NOTIFY, answered before the unregistration and well within the 2 s it would wait
            long closeMillis = (System.nanoTime() - closeStarted) / 1_000_000;
            assertTrue(closeMillis < 1500, "closing took " + closeMillis + " ms");
            Sipp.Result result = sipp.awaitExit(Duration.ofSeconds(5));
            assertEquals(0, result.exitCode(), result.messages());
            assertTrue(result.messages().contains("SIP/2.0 400"), "the malformed NOTIFY was not refused");
        }
    }

    private static MessageSummary next(BlockingQueue<MessageSummary> summaries) throws InterruptedException {
        MessageSummary summary = summaries.poll(STEP.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(summary, "no message-summary NOTIFY shown within " + STEP.toSeconds() + " s");
        return summary;
    }
}
