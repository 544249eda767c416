package dev.switchboard.agent.internal;

import java.util.Map;

/** Where one controller of the agent (stdin/stdout, or one TCP client) receives its events. */
@FunctionalInterface
interface EventOutput {

    void emit(Map<String, Object> event);
}
