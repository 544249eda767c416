package dev.switchboard.ui.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.call.CallState;
import dev.switchboard.core.call.capability.AudioLevelMeter;
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

    @Test
    void aCallThatMeasuresLevelsShowsMetersOnceConnectedAndReadsThemWhileAudioFlows() {
        FakeCall call = new FakeCall("a", "alice", CallState.RINGING_IN, T0);
        call.capabilities.put(AudioLevelMeter.class, (AudioLevelMeter) () -> AudioLevelMeter.Levels.NONE);
        CallView ringing = CallView.of(call);
        assertTrue(ringing.offers(CallView.Feature.LEVELS));
        assertFalse(ringing.showsMeters(), "no meters before the call was connected");
        call.state = CallState.CONNECTED;
        call.connectedAt = T0;
        CallView connected = CallView.of(call);
        assertTrue(connected.showsMeters());
        assertTrue(connected.metersLive());
        call.state = CallState.REMOTE_HOLD;
        assertTrue(CallView.of(call).metersLive(), "held by the far end: our microphone still goes out");
        call.state = CallState.ON_HOLD;
        CallView held = CallView.of(call);
        assertTrue(held.showsMeters(), "held by us: the meters stay, empty, so the row does not jump");
        assertFalse(held.metersLive());
    }

    @Test
    void withoutALevelMeterTheRowHasNoMeters() {
        FakeCall call = new FakeCall("a", "alice", CallState.CONNECTED, T0);
        call.connectedAt = T0;
        CallView view = CallView.of(call);
        assertFalse(view.offers(CallView.Feature.LEVELS));
        assertFalse(view.showsMeters());
        assertFalse(view.metersLive());
    }
}
