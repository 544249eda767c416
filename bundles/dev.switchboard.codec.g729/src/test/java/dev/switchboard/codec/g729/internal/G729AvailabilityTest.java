package dev.switchboard.codec.g729.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

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
    void libraryWithoutTheCodecsFunctionsOffersNoG729() {
        System.setProperty(Bcg729.LIBRARY_PROPERTY, "libc.so.6");
        new G729Availability(scr);
        assertEquals(List.of(), enabled);
    }

    @Test
    void codecBindsTheLibraryOnItsFirstStream() {
        G729Codec codec = new G729Codec();
        byte[] frame = new byte[10];
        // 10 ms of silence at 8 kHz is one 10-byte G.729 frame
        assertEquals(10, codec.newEncoder().encode(new short[80], 0, 80, frame, 0));
        assertSame(codec.library(), codec.library());
    }

    @Test
    void presentLibraryEnablesTheCodec() {
        new G729Availability(scr);
        assertEquals(List.of(G729Codec.NAME), enabled);
    }
}
