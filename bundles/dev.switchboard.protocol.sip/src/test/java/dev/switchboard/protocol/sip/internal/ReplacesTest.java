package dev.switchboard.protocol.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ReplacesTest {

    @Test
    void readsTheHeaderOfRfc3891() {
        Replaces replaces = Replaces.parse("98732@sip.example.com ;from-tag=r33th4x0r ;to-tag=ff87ff;early-only");
        assertEquals(new Replaces("98732@sip.example.com", "ff87ff", "r33th4x0r", true), replaces);
    }

    @Test
    void missingTagsAreMalformed() {
        assertThrows(IllegalArgumentException.class, () -> Replaces.parse("98732@sip.example.com;to-tag=a"));
        assertThrows(IllegalArgumentException.class, () -> Replaces.parse(";to-tag=a;from-tag=b"));
    }

    @Test
    void travelsEscapedInAReferToUriAndComesBackUnchanged() {
        Replaces replaces = new Replaces("a+b@10.0.0.1", "to-1.x!", "fr%om`2", false);
        String referTo = "<sip:carol@127.0.0.1?" + replaces.uriHeader() + ">";
        assertFalse(replaces.uriHeader().substring("Replaces=".length()).matches(".*[;=@+`].*"), replaces.uriHeader());
        assertEquals(Optional.of(replaces), Replaces.fromReferTo(referTo));
        assertEquals("sip:carol@127.0.0.1", Replaces.targetOf("sip:carol@127.0.0.1?" + replaces.uriHeader()));
    }

    @Test
    void aReferToWithoutReplacesIsABlindTransfer() {
        assertEquals(Optional.empty(), Replaces.fromReferTo("<sip:carol@127.0.0.1;transport=udp>"));
        assertEquals(Optional.empty(), Replaces.fromReferTo("<sip:carol@127.0.0.1?Subject=hello>"));
    }

    @Test
    void namesADialogByCallIdOurTagAndThePeersTag() {
        Replaces replaces = new Replaces("call-1", "ours", "theirs", false);
        assertTrue(replaces.names("call-1", "ours", "theirs"));
        assertFalse(replaces.names("call-1", "theirs", "ours"));
        assertFalse(replaces.names("call-2", "ours", "theirs"));
    }
}
