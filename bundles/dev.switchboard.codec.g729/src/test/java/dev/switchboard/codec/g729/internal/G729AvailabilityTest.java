package dev.switchboard.codec.g729.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.component.ComponentContext;

/** Without libbcg729 the G.729 codec component stays disabled, so nothing is registered; with it, it is enabled. */
class G729AvailabilityTest {

    private final List<String> enabled = new ArrayList<>();
    /** A stand-in for SCR (unit test): records which components the availability check enables. */
    private final ComponentContext scr = (ComponentContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] { ComponentContext.class }, (proxy, method, args) -> {
                if (method.getName().equals("enableComponent")) {
                    enabled.add((String) args[0]);
                    return null;
                }
                throw new UnsupportedOperationException(method.getName());
            });

    @AfterEach
    void restoreLibrary() {
        System.clearProperty(Bcg729.LIBRARY_PROPERTY);
    }

    @Test
    void absentLibraryOffersNoG729() {
        System.setProperty(Bcg729.LIBRARY_PROPERTY, "libbcg729-that-is-not-there.so.0");
        new G729Availability(scr);
        assertEquals(List.of(), enabled);
    }

    @Test
    void presentLibraryEnablesTheCodec() {
        new G729Availability(scr);
        assertEquals(List.of(G729Codec.NAME), enabled);
    }
}
