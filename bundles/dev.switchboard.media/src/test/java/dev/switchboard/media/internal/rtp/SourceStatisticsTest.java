package dev.switchboard.media.internal.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SourceStatisticsTest {

    @Test
    void aNewSourceIsValidatedByItsSecondPacketInSequence() {
        SourceStatistics source = new SourceStatistics(1, 100);
        assertFalse(source.accept(100), "MIN_SEQUENTIAL = 2: the first packet is on probation");
        assertFalse(source.validated());
        assertTrue(source.accept(101));
        assertTrue(source.validated());
        assertEquals(1, source.received());
        assertEquals(101, source.extendedHighestSequence());
    }

    @Test
    void probationRestartsWhenPacketsAreNotInSequence() {
        SourceStatistics source = new SourceStatistics(1, 100);
        assertFalse(source.accept(100));
        assertFalse(source.accept(102));
        assertFalse(source.validated());
        assertTrue(source.accept(103));
    }

    @Test
    void countsLossAndFractionLost() {
        SourceStatistics source = validated(100);
        for (int sequence : new int[] {102, 104, 106, 107, 108, 109}) {
            assertTrue(source.accept(sequence));
        }
        // base 101, highest 109: 9 expected, 7 received
        assertEquals(9, source.expected());
        assertEquals(7, source.received());
        assertEquals(2, source.cumulativeLost());
        assertEquals(2 * 256 / 9, source.takeFractionLost());
        assertEquals(0, source.takeFractionLost(), "nothing expected since the last report");
        assertEquals(0, source.lastFractionLost());
    }

    @Test
    void duplicatesMakeLossNegativeAndFractionZero() {
        SourceStatistics source = validated(10);
        assertTrue(source.accept(12));
        assertTrue(source.accept(12));
        assertTrue(source.accept(12));
        assertEquals(-2, source.cumulativeLost(), "2 expected (11, 12), 4 received");
        assertEquals(0, source.takeFractionLost());
    }

    @Test
    void extendedSequenceCountsWrapArounds() {
        SourceStatistics source = validated(65534);
        assertTrue(source.accept(0));
        assertTrue(source.accept(1));
        assertEquals(65536 + 1, source.extendedHighestSequence());
        assertEquals(3, source.expected());
        assertEquals(0, source.cumulativeLost());
    }

    @Test
    void aLatePacketAcrossTheWrapDoesNotCountACycle() {
        SourceStatistics source = validated(65534);
        assertTrue(source.accept(1));
        assertTrue(source.accept(0), "misordered by one");
        assertEquals(65536 + 1, source.extendedHighestSequence());
        assertEquals(0, source.cumulativeLost());
    }

    @Test
    void aBigJumpCountsOnlyOnceItsSuccessorConfirmsIt() {
        SourceStatistics source = validated(10);
        assertTrue(source.accept(11 + SourceStatistics.MAX_DROPOUT - 1), "just within MAX_DROPOUT");
        assertFalse(source.accept(20_000), "a jump of MAX_DROPOUT or more");
        assertTrue(source.accept(20_001), "in sequence after the jump: the peer restarted");
        assertEquals(20_001, source.extendedHighestSequence());
        assertEquals(0, source.cumulativeLost());
        assertEquals(1, source.received());
    }

    @Test
    void aPacketWithinMaxMisorderBehindIsLateNotAJump() {
        SourceStatistics source = validated(200);
        assertTrue(source.accept(202));
        assertTrue(source.accept(202 - SourceStatistics.MAX_MISORDER + 1));
        assertEquals(202, source.extendedHighestSequence());
    }

    @Test
    void jitterFollowsRfc3550A8() {
        SourceStatistics source = validated(1);
        // transit 0, 10, 0, 10: |D| = 10 each time; J += (|D| - J) / 16
        source.arrived(0, 0, 160);
        source.arrived(170, 160, 160);
        source.arrived(320, 320, 160);
        source.arrived(490, 480, 160);
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            expected += (10 - expected) / 16;
        }
        assertEquals(1.76025390625, expected, 1e-12);
        assertEquals(expected, source.jitterExact(), 1e-12);
        assertEquals(1, source.jitter());
        assertEquals(640, source.payloadOctets());
    }

    @Test
    void jitterIsUnaffectedByTheTimestampWrapping() {
        SourceStatistics source = validated(1);
        source.arrived(1000, 0xffff_ffa0L, 160);
        source.arrived(1160, 0x40, 160);
        assertEquals(0, source.jitterExact());
    }

    @Test
    void cumulativeLostFieldIsClampedTo24BitsSigned() {
        SourceStatistics source = validated(0);
        for (int step = 1; step <= 3000; step++) {
            source.accept((1 + step * 2999) & 0xffff);
        }
        assertTrue(source.cumulativeLost() > 0x7f_ffff, "each step of 2999 loses 2998");
        assertEquals(0x7f_ffff, source.cumulativeLostField());
    }

    @Test
    void wraparoundDistances() {
        assertEquals(1, Wraparound.sequenceDistance(0, 65535));
        assertEquals(-1, Wraparound.sequenceDistance(65535, 0));
        assertEquals(100, Wraparound.sequenceDistance(50, 65486));
        assertEquals(21, Wraparound.timestampDistance(5, 0xffff_fff0L));
        assertEquals(-21, Wraparound.timestampDistance(0xffff_fff0L, 5));
    }

    private static SourceStatistics validated(int firstSequence) {
        SourceStatistics source = new SourceStatistics(1, firstSequence);
        source.accept(firstSequence);
        source.accept((firstSequence + 1) & 0xffff);
        return source;
    }
}
