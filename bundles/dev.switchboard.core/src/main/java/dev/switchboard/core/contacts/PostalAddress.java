package dev.switchboard.core.contacts;

import java.util.Objects;

/**
 * A postal address (vCard ADR). Every part is empty when unknown.
 *
 * @param street     street and house; several lines joined with a line feed
 * @param locality   city or town
 * @param region     state or province
 * @param postalCode postal code
 * @param country    country name as written
 * @param label      where it is, such as {@code work} or {@code home}
 * @since 1.2
 */
public record PostalAddress(String street, String locality, String region, String postalCode, String country,
        String label) {

    public PostalAddress {
        Objects.requireNonNull(street, "street");
        Objects.requireNonNull(locality, "locality");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(postalCode, "postalCode");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(label, "label");
    }

    /** Whether every part except the label is empty. */
    public boolean isEmpty() {
        return street.isBlank() && locality.isBlank() && region.isBlank() && postalCode.isBlank() && country.isBlank();
    }
}
