package dev.switchboard.core.policy;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Whiteboard service consulted for every incoming call, highest {@code service.ranking} first; the
 * first decision other than {@link Decision.Ring} wins. Must answer quickly and never block.
 */
@ConsumerType
public interface CallPolicy {

    Decision decide(IncomingCall call);
}
