package dev.switchboard.ui.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.policy.ForwardingRules;

class ForwardingFormTest {

    private static final Account PLAIN = new Account("alice", "sip", Map.of("user", "alice"));

    @Test
    void theFormWritesWhatTheCoresRulesRead() {
        ForwardingForm form = new ForwardingForm(" 1003 ", "", "sip:mobile@127.0.0.1", 35, false);
        assertEquals(Optional.empty(), form.problem());
        Account stored = PLAIN.with(form.settings());
        ForwardingRules rules = ForwardingRules.of(stored);
        assertEquals(Optional.of("1003"), rules.always());
        assertEquals(Optional.empty(), rules.busy());
        assertEquals(Optional.of("sip:mobile@127.0.0.1"), rules.noAnswer());
        assertEquals(Duration.ofSeconds(35), rules.noAnswerDelay());
        assertFalse(ForwardingRules.callWaiting(stored));
        assertEquals(form.always().strip(), ForwardingForm.of(stored).always());
    }

    @Test
    void clearingAFieldRemovesTheRuleAndCallWaitingOnIsTheDefault() {
        Account forwarded = PLAIN.with(new ForwardingForm("1003", "1004", "", 20, false).settings());
        Account cleared = forwarded.with(new ForwardingForm("", "", "", 20, true).settings());
        assertEquals(Optional.empty(), cleared.setting(ForwardingRules.ALWAYS));
        assertEquals(Optional.empty(), cleared.setting(ForwardingRules.BUSY));
        assertEquals(Optional.empty(), cleared.setting(ForwardingRules.CALL_WAITING));
        assertTrue(ForwardingRules.callWaiting(cleared));
    }

    @Test
    void blanksInsideAnAddressAndADelayOutOfRangeAreRefused() {
        assertTrue(new ForwardingForm("10 03", "", "", 20, true).problem().orElseThrow().startsWith("Always"));
        assertTrue(new ForwardingForm("", "", "", 2, true).problem().isPresent());
        assertTrue(new ForwardingForm("", "", "", 500, true).problem().isPresent());
    }

    @Test
    void anUntouchedAccountShowsNoRulesTheDefaultDelayAndCallWaiting() {
        ForwardingForm form = ForwardingForm.of(PLAIN);
        assertEquals(new ForwardingForm("", "", "", 20, true), form);
    }
}
