package dev.switchboard.protocol.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Reading application/dialog-info+xml (RFC 4235 section 4) and what a busy lamp shows for it. */
class SipBusyLampsTest {

    private static Optional<SipBusyLamps.DialogInfo> parse(String xml) {
        return SipBusyLamps.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheRfcExampleOfAConfirmedDialog() {
        String xml = """
                <?xml version="1.0"?>
                <dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="1" state="full"
                    entity="sip:alice@example.com">
                  <dialog id="as7d900as8" call-id="a84b4c76e66710" local-tag="1928301774" remote-tag="456887766"
                      direction="initiator">
                    <state>confirmed</state>
                  </dialog>
                </dialog-info>
                """;
        assertEquals(Optional.of(new SipBusyLamps.DialogInfo(1, true, Map.of("as7d900as8", "confirmed"))),
                parse(xml));
    }

    @Test
    void readsAPartialNotificationWithSeveralDialogsAndStateEvents() {
        String xml = """
                <dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="7" state="partial"
                    entity="sip:201@example.com">
                  <dialog id="a"><state event="replaced"> Terminated </state></dialog>
                  <dialog id="b" direction="recipient"><state>early</state><remote><identity>sip:bob@x</identity></remote></dialog>
                </dialog-info>
                """;
        assertEquals(Optional.of(new SipBusyLamps.DialogInfo(7, false, Map.of("a", "terminated", "b", "early"))),
                parse(xml));
    }

    @Test
    void refusesWhatIsNotADialogInfoDocument() {
        // wrong namespace, no version, bad state, dialog without a state, not XML, an entity expansion attempt
        assertEquals(Optional.empty(), parse("<dialog-info version=\"1\" state=\"full\"/>"));
        assertEquals(Optional.empty(), parse("<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" state=\"full\"/>"));
        assertEquals(Optional.empty(), parse(
                "<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"1\" state=\"some\"/>"));
        assertEquals(Optional.empty(), parse("<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"1\""
                + " state=\"full\"><dialog id=\"x\"/></dialog-info>"));
        assertEquals(Optional.empty(), parse("busy"));
        assertEquals(Optional.empty(), parse("<!DOCTYPE d [<!ENTITY e \"confirmed\">]>"
                + "<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\" version=\"1\" state=\"full\">"
                + "<dialog id=\"x\"><state>&e;</state></dialog></dialog-info>"));
    }

    @Test
    void aConfirmedDialogMakesTheLampBusyAndRingingComesNext() {
        assertEquals(SipBusyLamps.IDLE_LINE, SipBusyLamps.lamp(Map.of()));
        assertEquals(SipBusyLamps.RINGING_LINE, SipBusyLamps.lamp(Map.of("a", "early")));
        assertEquals(SipBusyLamps.RINGING_LINE, SipBusyLamps.lamp(Map.of("a", "trying")));
        assertEquals(SipBusyLamps.BUSY_LINE, SipBusyLamps.lamp(Map.of("a", "early", "b", "confirmed")));
    }
}
