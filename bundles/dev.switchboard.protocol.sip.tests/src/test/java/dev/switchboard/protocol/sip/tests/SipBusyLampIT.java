package dev.switchboard.protocol.sip.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.account.RegistrationState;
import dev.switchboard.core.spi.ProtocolSession;
import dev.switchboard.testing.peers.Sipp;

/**
 * Busy lamps (RFC 4235 dialog event package) against a SIPp registrar and presence server: once registered the account
 * subscribes to extension 201's dialog state (answering a digest challenge) and shows each NOTIFY as 201's presence:
 * idle, ringing (early), on the phone (confirmed), idle again (terminated); a body that is not dialog-info is answered
 * 400 and an older version than the last applied is dropped; the server ending the subscription shows OFFLINE; the
 * account leaving ends its subscriptions before it unregisters.
 */
class SipBusyLampIT {

    private static final Duration STEP = Duration.ofSeconds(10);

    /** Two SIPp calls: the REGISTER dialog (register, later unregister) and the subscription. */
    private static final String SCENARIO = """
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="registrar and dialog state of 201">
              <recv request="REGISTER" optional="true" next="register"/>
              <recv request="SUBSCRIBE">
                <action>
                  <ereg regexp="^ *dialog *$" search_in="hdr" header="Event:" check_it="true" assign_to="e1"/>
                  <ereg regexp="application/dialog-info\\+xml" search_in="hdr" header="Accept:" check_it="true" assign_to="e2"/>
                  <ereg regexp="SUBSCRIBE sip:201@127.0.0.1 " search_in="msg" check_it="true" assign_to="e3"/>
                </action>
              </recv>
              <send><![CDATA[
            SIP/2.0 401 Unauthorized
            [last_Via:]
            [last_From:]
            [last_To:];tag=[pid]blf
            [last_Call-ID:]
            [last_CSeq:]
            WWW-Authenticate: Digest realm="127.0.0.1", nonce="blf0001", qop="auth", algorithm=MD5
            Content-Length: 0

            ]]></send>
              <recv request="SUBSCRIBE">
                <action>
                  <ereg regexp="response=" search_in="hdr" header="Authorization:" check_it="true" assign_to="e4"/>
                  <ereg regexp="sip:[^>]*" search_in="hdr" header="Contact:" check_it="true" assign_to="contact"/>
                  <ereg regexp="tag=([^;]*)" search_in="hdr" header="From:" check_it="true" assign_to="e5,fromtag"/>
                </action>
              </recv>
              <send><![CDATA[
            SIP/2.0 200 OK
            [last_Via:]
            [last_From:]
            [last_To:];tag=[pid]blf
            [last_Call-ID:]
            [last_CSeq:]
            Contact: <sip:201@[local_ip]:[local_port]>
            Expires: 600
            Content-Length: 0

            ]]></send>
              <send><![CDATA[
            NOTIFY [$contact] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: <sip:201@127.0.0.1>;tag=[pid]blf
            To: <sip:alice@127.0.0.1>;tag=[$fromtag]
            Call-ID: [call_id]
            CSeq: 1 NOTIFY
            Max-Forwards: 70
            Contact: <sip:201@[local_ip]:[local_port]>
            Event: dialog
            Subscription-State: active;expires=600
            Content-Type: application/dialog-info+xml
            Content-Length: [len]

            <?xml version="1.0"?><dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="0" state="full" entity="sip:201@127.0.0.1"></dialog-info>
            ]]></send>
              <recv response="200"/>
              <send><![CDATA[
            NOTIFY [$contact] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: <sip:201@127.0.0.1>;tag=[pid]blf
            To: <sip:alice@127.0.0.1>;tag=[$fromtag]
            Call-ID: [call_id]
            CSeq: 2 NOTIFY
            Max-Forwards: 70
            Contact: <sip:201@[local_ip]:[local_port]>
            Event: dialog
            Subscription-State: active;expires=590
            Content-Type: application/dialog-info+xml
            Content-Length: [len]

            <?xml version="1.0"?><dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="1" state="partial" entity="sip:201@127.0.0.1"><dialog id="d1" direction="recipient"><state>early</state></dialog></dialog-info>
            ]]></send>
              <recv response="200"/>
              <send><![CDATA[
            NOTIFY [$contact] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: <sip:201@127.0.0.1>;tag=[pid]blf
            To: <sip:alice@127.0.0.1>;tag=[$fromtag]
            Call-ID: [call_id]
            CSeq: 3 NOTIFY
            Max-Forwards: 70
            Contact: <sip:201@[local_ip]:[local_port]>
            Event: dialog
            Subscription-State: active;expires=580
            Content-Type: application/dialog-info+xml
            Content-Length: [len]

            <?xml version="1.0"?><dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="2" state="partial" entity="sip:201@127.0.0.1"><dialog id="d1" direction="recipient"><state>confirmed</state></dialog></dialog-info>
            ]]></send>
              <recv response="200"/>
              <send><![CDATA[
            NOTIFY [$contact] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: <sip:201@127.0.0.1>;tag=[pid]blf
            To: <sip:alice@127.0.0.1>;tag=[$fromtag]
            Call-ID: [call_id]
            CSeq: 4 NOTIFY
            Max-Forwards: 70
            Contact: <sip:201@[local_ip]:[local_port]>
            Event: dialog
            Subscription-State: active;expires=570
            Content-Type: application/dialog-info+xml
            Content-Length: [len]

            line is busy
            ]]></send>
              <recv response="400"/>
              <send><![CDATA[
            NOTIFY [$contact] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: <sip:201@127.0.0.1>;tag=[pid]blf
            To: <sip:alice@127.0.0.1>;tag=[$fromtag]
            Call-ID: [call_id]
            CSeq: 5 NOTIFY
            Max-Forwards: 70
            Contact: <sip:201@[local_ip]:[local_port]>
            Event: dialog
            Subscription-State: active;expires=560
            Content-Type: application/dialog-info+xml
            Content-Length: [len]

            <?xml version="1.0"?><dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="4" state="partial" entity="sip:201@127.0.0.1"><dialog id="d1" direction="recipient"><state>terminated</state></dialog></dialog-info>
            ]]></send>
              <recv response="200"/>
              <send><![CDATA[
            NOTIFY [$contact] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: <sip:201@127.0.0.1>;tag=[pid]blf
            To: <sip:alice@127.0.0.1>;tag=[$fromtag]
            Call-ID: [call_id]
            CSeq: 6 NOTIFY
            Max-Forwards: 70
            Contact: <sip:201@[local_ip]:[local_port]>
            Event: dialog
            Subscription-State: active;expires=550
            Content-Type: application/dialog-info+xml
            Content-Length: [len]

            <?xml version="1.0"?><dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="3" state="full" entity="sip:201@127.0.0.1"><dialog id="d9" direction="recipient"><state>confirmed</state></dialog></dialog-info>
            ]]></send>
              <recv response="200"/>
              <send><![CDATA[
            NOTIFY [$contact] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: <sip:201@127.0.0.1>;tag=[pid]blf
            To: <sip:alice@127.0.0.1>;tag=[$fromtag]
            Call-ID: [call_id]
            CSeq: 7 NOTIFY
            Max-Forwards: 70
            Contact: <sip:201@[local_ip]:[local_port]>
            Event: dialog
            Subscription-State: terminated;reason=noresource
            Content-Length: 0

            ]]></send>
              <recv response="200" next="end"/>
              <label id="register"/>
              <send><![CDATA[
            SIP/2.0 200 OK
            [last_Via:]
            [last_From:]
            [last_To:];tag=[pid]reg
            [last_Call-ID:]
            [last_CSeq:]
            [last_Contact:];expires=600
            Content-Length: 0

            ]]></send>
              <recv request="REGISTER"/>
              <send><![CDATA[
            SIP/2.0 200 OK
            [last_Via:]
            [last_From:]
            [last_To:];tag=[pid]reg
            [last_Call-ID:]
            [last_CSeq:]
            Content-Length: 0

            ]]></send>
              <label id="end"/>
              <!-- the checks above fail the scenario on a mismatch; their variables are never read -->
              <Reference variables="e1,e2,e3,e4,e5"/>
            </scenario>
            """;

    /**
     * Two SIPp calls: the REGISTER dialog and a subscription to 202 that the account ends when it leaves: SUBSCRIBE
     * with Expires 0 in the subscription's dialog (To tag, target from the 200's Contact), then the final NOTIFY
     * without a body; the unregistration comes after it.
     */
    private static final String ENDING_SCENARIO = """
            <?xml version="1.0" encoding="ISO-8859-1" ?>
            <scenario name="registrar and a dialog subscription ended by the subscriber">
              <recv request="REGISTER" optional="true" next="register"/>
              <recv request="SUBSCRIBE">
                <action>
                  <ereg regexp="^ *3600 *$" search_in="hdr" header="Expires:" check_it="true" assign_to="e1"/>
                  <ereg regexp="sip:[^>]*" search_in="hdr" header="Contact:" check_it="true" assign_to="contact"/>
                  <ereg regexp="tag=([^;]*)" search_in="hdr" header="From:" check_it="true" assign_to="e2,fromtag"/>
                </action>
              </recv>
              <send><![CDATA[
            SIP/2.0 200 OK
            [last_Via:]
            [last_From:]
            [last_To:];tag=[pid]lamp
            [last_Call-ID:]
            [last_CSeq:]
            Contact: <sip:watcher-202@[local_ip]:[local_port]>
            Expires: 600
            Content-Length: 0

            ]]></send>
              <send><![CDATA[
            NOTIFY [$contact] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: <sip:202@127.0.0.1>;tag=[pid]lamp
            To: <sip:alice@127.0.0.1>;tag=[$fromtag]
            Call-ID: [call_id]
            CSeq: 1 NOTIFY
            Max-Forwards: 70
            Contact: <sip:watcher-202@[local_ip]:[local_port]>
            Event: dialog
            Subscription-State: active;expires=600
            Content-Type: application/dialog-info+xml
            Content-Length: [len]

            <?xml version="1.0"?><dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="0" state="full" entity="sip:202@127.0.0.1"><dialog id="d1"><state>confirmed</state></dialog></dialog-info>
            ]]></send>
              <recv response="200"/>
              <recv request="SUBSCRIBE">
                <action>
                  <ereg regexp="^ *0 *$" search_in="hdr" header="Expires:" check_it="true" assign_to="e3"/>
                  <ereg regexp="tag=[0-9]+lamp" search_in="hdr" header="To:" check_it="true" assign_to="e4"/>
                  <ereg regexp="^SUBSCRIBE sip:watcher-202@" search_in="msg" check_it="true" assign_to="e5"/>
                  <ereg regexp="^ *dialog *$" search_in="hdr" header="Event:" check_it="true" assign_to="e6"/>
                </action>
              </recv>
              <send><![CDATA[
            SIP/2.0 200 OK
            [last_Via:]
            [last_From:]
            [last_To:]
            [last_Call-ID:]
            [last_CSeq:]
            Expires: 0
            Content-Length: 0

            ]]></send>
              <send><![CDATA[
            NOTIFY [$contact] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From: <sip:202@127.0.0.1>;tag=[pid]lamp
            To: <sip:alice@127.0.0.1>;tag=[$fromtag]
            Call-ID: [call_id]
            CSeq: 2 NOTIFY
            Max-Forwards: 70
            Contact: <sip:watcher-202@[local_ip]:[local_port]>
            Event: dialog
            Subscription-State: terminated;reason=timeout
            Content-Length: 0

            ]]></send>
              <recv response="200" next="end"/>
              <label id="register"/>
              <send><![CDATA[
            SIP/2.0 200 OK
            [last_Via:]
            [last_From:]
            [last_To:];tag=[pid]reg
            [last_Call-ID:]
            [last_CSeq:]
            [last_Contact:];expires=600
            Content-Length: 0

            ]]></send>
              <recv request="REGISTER">
                <action>
                  <ereg regexp="^ *0 *$" search_in="hdr" header="Expires:" check_it="true" assign_to="e7"/>
                </action>
              </recv>
              <send><![CDATA[
            SIP/2.0 200 OK
            [last_Via:]
            [last_From:]
            [last_To:];tag=[pid]reg
            [last_Call-ID:]
            [last_CSeq:]
            Content-Length: 0

            ]]></send>
              <label id="end"/>
              <Reference variables="e1,e2,e3,e4,e5,e6,e7"/>
            </scenario>
            """;

    @Test
    void leavingEndsTheSubscriptionBeforeUnregistering(@TempDir Path directory) throws Exception {
        Path scenario = Files.writeString(directory.resolve("blf-end.xml"), ENDING_SCENARIO);
        try (Sipp sipp = Sipp.builder().scenario(scenario).remote("127.0.0.1", 9).calls(2)
                .timeout(Duration.ofSeconds(20)).start()) {
            RecordingSessionListener listener = new RecordingSessionListener();
            Account account = SipPlugin.account("blf-end", "alice", "127.0.0.1", "127.0.0.1:" + sipp.localPort(),
                    "blf", "202", "keepalive", "60");
            ProtocolSession session = SipPlugin.provider().open(account, "alice123".toCharArray(), listener);
            try {
                session.register();
                listener.await(RegistrationState.Kind.REGISTERED, STEP);
                assertEquals(Optional.of("sip:202@127.0.0.1 DO_NOT_DISTURB on the phone"), listener.nextPresence(STEP));
                // as the core removes an account: unregister, then close
                long started = System.nanoTime();
                session.unregister();
                session.close();
                long closeMillis = (System.nanoTime() - started) / 1_000_000;
                assertTrue(closeMillis < 1500, "leaving took " + closeMillis + " ms: a final NOTIFY or the "
                        + "unregistration was waited out");
            } finally {
                session.close();
            }
            assertEquals(Optional.of("sip:202@127.0.0.1 OFFLINE"), listener.nextPresence(Duration.ofMillis(300)));
            listener.await(RegistrationState.Kind.UNREGISTERED, STEP);
            Sipp.Result result = sipp.awaitExit(Duration.ofSeconds(5));
            assertEquals(0, result.exitCode(), result.messages());
        }
    }

    @Test
    void showsTheWatchedExtensionsLineStateAsItsPresence(@TempDir Path directory) throws Exception {
        Path scenario = Files.writeString(directory.resolve("blf.xml"), SCENARIO);
        try (Sipp sipp = Sipp.builder().scenario(scenario).remote("127.0.0.1", 9).calls(2)
                .timeout(Duration.ofSeconds(20)).start()) {
            RecordingSessionListener listener = new RecordingSessionListener();
            Account account = SipPlugin.account("blf", "alice", "127.0.0.1", "127.0.0.1:" + sipp.localPort(),
                    "blf", "201", "keepalive", "60");
            try (ClosingSession closing = new ClosingSession(SipPlugin.provider().open(account,
                    "alice123".toCharArray(), listener))) {
                closing.session().register();
                listener.await(RegistrationState.Kind.REGISTERED, STEP);
                List<String> shown = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    shown.add(listener.nextPresence(STEP).orElse("nothing within " + STEP.toSeconds() + " s"));
                }
                assertEquals(List.of("sip:201@127.0.0.1 AVAILABLE", "sip:201@127.0.0.1 AVAILABLE ringing",
                        "sip:201@127.0.0.1 DO_NOT_DISTURB on the phone", "sip:201@127.0.0.1 AVAILABLE",
                        "sip:201@127.0.0.1 OFFLINE"), shown, "the stale version 3 (busy) must not show");
                assertEquals(Optional.empty(), listener.nextPresence(Duration.ofMillis(300)));
            }
            Sipp.Result result = sipp.awaitExit(Duration.ofSeconds(5));
            assertEquals(0, result.exitCode(), result.messages());
            assertTrue(result.messages().contains("SIP/2.0 400"), "the NOTIFY without dialog-info was not refused");
        }
    }
}
