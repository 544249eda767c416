package dev.switchboard.contacts;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How addresses are compared: phone numbers in E.164 (libphonenumber, with a default region and the
 * accounts' extension plan), other addresses without scheme, lower case.
 */
@ProviderType
public interface NumberPlan {

    /**
     * The key two equal addresses share, e.g. {@code tel:+15550101} for "(555) 0101" in region US,
     * {@code ext:204} for an internal extension without a known prefix, {@code sip:alice@example.com}.
     * Empty when the text holds no address.
     */
    String key(String address);

    /** Like {@link #key(String)}, reading a TEL address as a number whatever it looks like. */
    String key(dev.switchboard.core.contacts.ContactAddress address);

    /**
     * What to ask a searchable source for when looking the address up: a number's national significant
     * digits (which match however a directory writes the number), an address without its scheme.
     */
    String lookupText(String address);

    /** The ISO 3166 region numbers without a country code are read in, e.g. {@code US}. */
    String defaultRegion();

    /**
     * Increases whenever the plan changes (default region, extension plan), so whoever keeps keys knows they
     * are stale (since 1.1).
     */
    long revision();

    /**
     * Tells {@code listener} after every change of the plan, on the thread that changed it; holders of keys
     * compute them again (since 1.1).
     */
    void addChangeListener(Runnable listener);

    /** @since 1.1 */
    void removeChangeListener(Runnable listener);
}
