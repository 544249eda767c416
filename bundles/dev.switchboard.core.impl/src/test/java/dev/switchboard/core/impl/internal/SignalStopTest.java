package dev.switchboard.core.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.ComponentServiceObjects;

import dev.switchboard.core.lifecycle.FrontEnd;

/** What the signal hook does in each state, on a fake framework (the real signal path: AgentSignalIT, DesktopCallIT). */
class SignalStopTest {

    private final List<String> calls = new ArrayList<>();
    private int state = Bundle.ACTIVE;
    private long waitedMillis = -1;
    private final Framework framework = (Framework) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {Framework.class}, (proxy, method, args) -> switch (method.getName()) {
                case "getState" -> state;
                case "stop" -> {
                    calls.add("framework.stop");
                    yield null;
                }
                case "waitForStop" -> {
                    waitedMillis = (Long) args[0];
                    yield new FrameworkEvent(FrameworkEvent.STOPPED, (Bundle) proxy, null);
                }
                case "getBundleContext" -> null;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw new UnsupportedOperationException(method.getName());
            });
    private final BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                case "getBundle" -> framework;
                default -> throw new UnsupportedOperationException(method.getName());
            });
    private final SignalStop signalStop = new SignalStop(context);

    @AfterEach
    void removeHook() {
        signalStop.deactivate();
    }

    private ComponentServiceObjects<FrontEnd> frontEnd(boolean running) {
        FrontEnd frontEnd = () -> {
            calls.add("frontEnd.quit");
            return running;
        };
        return new ComponentServiceObjects<>() {
            @Override
            public FrontEnd getService() {
                calls.add("frontEnd.get");
                return frontEnd;
            }

            @Override
            public void ungetService(FrontEnd service) {
                calls.add("frontEnd.unget");
            }

            @Override
            public ServiceReference<FrontEnd> getServiceReference() {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void asksTheRunningFrontEndToQuitAndWaitsForTheFrameworkWithinTheBound() {
        signalStop.frontEnd = frontEnd(true);
        signalStop.stopOnSignal();
        assertEquals(List.of("frontEnd.get", "frontEnd.quit", "frontEnd.unget"), calls);
        assertTrue(waitedMillis > 0 && waitedMillis <= SignalStop.BOUND.toMillis(), "waited " + waitedMillis);
    }

    @Test
    void stopsTheFrameworkItselfWhenNoFrontEndRuns() {
        signalStop.frontEnd = frontEnd(false);
        signalStop.stopOnSignal();
        assertEquals(List.of("frontEnd.get", "frontEnd.quit", "frontEnd.unget", "framework.stop"), calls);
        signalStop.frontEnd = null;
        calls.clear();
        signalStop.stopOnSignal();
        assertEquals(List.of("framework.stop"), calls);
    }

    @Test
    void onlyWaitsWhenTheFrameworkIsAlreadyStopping() {
        state = Bundle.STOPPING;
        signalStop.frontEnd = frontEnd(true);
        signalStop.stopOnSignal();
        assertEquals(List.of(), calls);
        assertTrue(waitedMillis > 0, "waited for the stop");
    }
}
