package dev.switchboard.contacts;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Number or address to the best contact: the local book first, then directories, then rosters, then
 * history. Each source kind is given at most the caller time-out (preference {@code callerTimeoutMillis} of
 * {@code dev.switchboard.contacts}, default 2000 ms). Answers are cached, so a second lookup of the same caller completes at once. When an
 * incoming call starts ringing, the identity found is posted on EventAdmin under {@link #TOPIC} for
 * the UI's notice and CRM bundles.
 */
@ProviderType
public interface CallerIdentification {

    /** EventAdmin topic of an identified incoming call. */
    String TOPIC = "switchboard/call/IDENTIFIED";
    /** Event property: the call's id (as {@link dev.switchboard.core.event.EventTopics#CALL_ID}). */
    String CALL_ID = "call";
    /** Event property: the caller's address as the call reported it. */
    String ADDRESS = "address";
    /** Event property: the contact's display name. */
    String NAME = "name";
    /** Event property: the contact's organisation, possibly empty. */
    String ORGANISATION = "organisation";
    /** Event property: the kind of source that knew the caller. */
    String SOURCE_KIND = "sourceKind";
    /** Event property: the ids of the sources of the merged contact (String[]). */
    String SOURCES = "sources";
    /**
     * Event property (Boolean, since 1.1): {@code false} on the answer from the local book (and the cache),
     * posted as soon as the call rings; {@code true} on the answer after the directories, rosters and history
     * were asked, which replaces it. A caller the book knows gets both; one it does not, only the refined one.
     */
    String REFINED = "refined";

    /**
     * Empty when no source knows the address; never fails because one source is down. A caller in the local
     * book is joined with what the directories know of the same number, so the answer may come after the
     * directory's time-out (preference {@code callerTimeoutMillis}); see {@link #identifyLocally}.
     */
    CompletionStage<Optional<CallerIdentity>> identify(String numberOrAddress);

    /**
     * What is known at once, without asking any other source: the local book, or an earlier answer still
     * cached (since 1.1).
     */
    Optional<CallerIdentity> identifyLocally(String numberOrAddress);
}
