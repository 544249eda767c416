package dev.switchboard.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.startlevel.FrameworkStartLevel;

class ServicesStartLevelTest {

    /** The framework's start level as the component sees it; records the levels asked for. */
    private static final class Framework {
        int level;
        final List<Integer> requested = new ArrayList<>();
        final List<FrameworkListener> listeners = new ArrayList<>();
        Bundle system;

        Framework(int level) {
            this.level = level;
        }

        BundleContext context(String property) {
            FrameworkStartLevel startLevel = proxy(FrameworkStartLevel.class, (method, args) -> switch (method) {
                case "getStartLevel" -> level;
                case "setStartLevel" -> {
                    requested.add((Integer) args[0]);
                    listeners.addAll(List.of((FrameworkListener[]) args[1]));
                    yield null;
                }
                default -> throw new UnsupportedOperationException(method);
            });
            system = proxy(Bundle.class, (method, args) -> switch (method) {
                case "adapt" -> args[0] == FrameworkStartLevel.class ? startLevel : null;
                default -> throw new UnsupportedOperationException(method);
            });
            return proxy(BundleContext.class, (method, args) -> switch (method) {
                case "getProperty" -> ServicesStartLevel.PROPERTY.equals(args[0]) ? property : null;
                case "getBundle" -> Constants.SYSTEM_BUNDLE_LOCATION.equals(args[0]) ? system : null;
                default -> throw new UnsupportedOperationException(method);
            });
        }

        void reached(int newLevel, int type) {
            level = newLevel;
            for (FrameworkListener listener : listeners) {
                listener.frameworkEvent(new FrameworkEvent(type, system, null));
            }
        }
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (self, method, args) -> answer.answer(method.getName(), args));
    }

    @Test
    void asksForTheServicesLevelAndIsStartedOnceTheFrameworkReachesIt() {
        Framework framework = new Framework(4);
        ServicesStartLevel component = new ServicesStartLevel(framework.context("5"));

        assertEquals(List.of(5), framework.requested);
        assertFalse(component.started().toCompletableFuture().isDone());

        framework.reached(5, FrameworkEvent.STARTLEVEL_CHANGED);
        assertTrue(component.started().toCompletableFuture().isDone());
        assertNull(component.started().toCompletableFuture().join());
    }

    @Test
    void aFailedLevelChangeStillEndsTheWaitSoTheWizardIsNotHeldForever() {
        Framework framework = new Framework(4);
        ServicesStartLevel component = new ServicesStartLevel(framework.context(" 5 "));

        framework.reached(4, FrameworkEvent.ERROR);
        assertTrue(component.started().toCompletableFuture().isDone());
    }

    @Test
    void withoutThePropertyALevelAlreadyReachedOrAMalformedValueItAsksForNothingAndIsStarted() {
        for (String property : new String[] { null, "", "4", "3", "five" }) {
            Framework framework = new Framework(4);
            ServicesStartLevel component = new ServicesStartLevel(framework.context(property));

            assertEquals(List.of(), framework.requested, "property " + property);
            assertTrue(component.started().toCompletableFuture().isDone(), "property " + property);
        }
    }
}
