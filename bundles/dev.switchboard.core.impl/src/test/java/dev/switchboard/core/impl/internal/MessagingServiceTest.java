package dev.switchboard.core.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

import dev.switchboard.core.account.Account;
import dev.switchboard.core.messaging.Message;

class MessagingServiceTest {

    @Test
    void listenersHearMessagesHighestRankingFirstAndDeliveriesArePassedOn() {
        MemoryAccountRegistry accounts = new MemoryAccountRegistry();
        DefaultMessagingService messaging = new DefaultMessagingService(new SessionHub(accounts), accounts);
        List<String> order = new ArrayList<>();
        messaging.addListener(message -> order.add("front end"), Map.of());
        messaging.addListener(message -> order.add("history"), Map.of(Constants.SERVICE_RANKING, 1_000_000));
        messaging.addListener(message -> order.add("logger"), Map.of(Constants.SERVICE_RANKING, -5));
        messaging.messageReceived(new Message("m1", "a1", "bob@x", true, "bob@x", "hi", Instant.now()));
        assertEquals(List.of("history", "front end", "logger"), order);

        List<String> delivered = new ArrayList<>();
        messaging.addDeliveryListener((accountId, peer, id) -> delivered.add(accountId + " " + peer + " " + id));
        messaging.messageDelivered(new Account("a1", "xmpp", Map.of()), "bob@x", "m1");
        assertEquals(List.of("a1 bob@x m1"), delivered);
    }
}
