package dev.switchboard.ui.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.capability.QualityIndicator;
import dev.switchboard.core.call.capability.QualityIndicator.Rating;

class CallViewTest {

    private static final Instant T0 = Instant.parse("2026-11-24T02:00:00Z");

    @Test
    void aCallWithAQualityIndicatorCarriesItsRatingAndFigures() {
        FakeCall call = new FakeCall("a", "alice", CallState.CONNECTED, T0);
        call.capabilities.put(QualityIndicator.class, new QualityIndicator() {
            @Override
            public Rating rating() {
                return Rating.FAIR;
            }

            @Override
            public String detail() {
                return "PCMU/8000, loss 2.0 %, jitter 25 ms";
            }
        });
        CallView view = CallView.of(call);
        assertTrue(view.offers(CallView.Feature.QUALITY));
        assertEquals(Rating.FAIR, view.quality());
        assertEquals("PCMU/8000, loss 2.0 %, jitter 25 ms", view.qualityDetail());
        assertEquals("Fair line", CallText.quality(view.quality()));
    }

    @Test
    void withoutAnIndicatorTheQualityIsUnknownAndNoDotIsShown() {
        CallView view = CallView.of(new FakeCall("a", "alice", CallState.CONNECTED, T0));
        assertFalse(view.offers(CallView.Feature.QUALITY));
        assertEquals(Rating.UNKNOWN, view.quality());
        assertEquals("", CallText.quality(view.quality()));
    }
}
