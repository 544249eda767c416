package dev.switchboard.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void wordsAreSplitOnBlanksAndQuotesKeepBlanks() {
        CommandLine line = new CommandLine("  say a1  bob@localhost \"hello  \\\"world\\\"\"  ");
        assertEquals(4, line.size());
        assertEquals(List.of("say", "a1", "bob@localhost", "hello  \"world\""), line.words(0));
    }

    @Test
    void restKeepsFreeTextAsTyped() {
        CommandLine line = new CommandLine("say a1 bob   two  spaces, kept");
        assertEquals("two  spaces, kept", line.rest(3));
        assertEquals("quoted note", new CommandLine("presence all dnd \"quoted note\"").rest(3));
        assertEquals("", new CommandLine("presence all dnd").rest(3));
    }

    @Test
    void blankAndCommentLinesAreEmpty() {
        assertTrue(new CommandLine("   ").isEmpty());
        assertTrue(new CommandLine("# a comment").isEmpty());
    }

    @Test
    void anUnterminatedQuoteIsAnError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new CommandLine("say \"oops"));
        assertEquals("unterminated quote", error.getMessage());
    }
}
