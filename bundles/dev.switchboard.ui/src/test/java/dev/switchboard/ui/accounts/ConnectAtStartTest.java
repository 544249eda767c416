package dev.switchboard.ui.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.switchboard.core.account.Account;

class ConnectAtStartTest {

    private static final Account SIP = new Account("work", "sip", Map.of("user", "alice"));
    private static final Account SIP_OFF = new Account("spare", "sip", Map.of(ConnectAtStart.SETTING, "false"));
    private static final Account XMPP = new Account("chat", "xmpp", Map.of(ConnectAtStart.SETTING, "true"));

    @Test
    void connectAtStartIsOnUnlessTheAccountSaysFalse() {
        assertTrue(ConnectAtStart.wanted(SIP));
        assertTrue(ConnectAtStart.wanted(XMPP));
        assertFalse(ConnectAtStart.wanted(SIP_OFF));
        assertFalse(ConnectAtStart.wanted(new Account("x", "sip", Map.of(ConnectAtStart.SETTING, " FALSE "))));
    }

    @Test
    void onlyWantedAccountsOfInstalledProtocolsAreConnectedAndEachOnce() {
        Set<String> tried = new HashSet<>();
        List<Account> all = List.of(SIP, SIP_OFF, XMPP);
        assertEquals(List.of(SIP), ConnectAtStart.due(all, Set.of("sip"), id -> true, tried));
        // the XMPP plug-in arrives later: only its account is due now, the SIP one was tried already
        assertEquals(List.of(XMPP), ConnectAtStart.due(all, Set.of("sip", "xmpp"), id -> true, tried));
        assertEquals(List.of(), ConnectAtStart.due(all, Set.of("sip", "xmpp"), id -> true, tried));
    }

    @Test
    void anAccountAlreadyConnectingIsLeftAlone() {
        assertEquals(List.of(XMPP), ConnectAtStart.due(List.of(SIP, XMPP), Set.of("sip", "xmpp"),
                id -> !id.equals("work"), new HashSet<>()));
    }
}
