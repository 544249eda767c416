package dev.switchboard.contacts;

import java.util.List;

/** The answer of a merged search: the contacts, and how every source did. */
public record MergedSearch(String query, List<MergedContact> contacts, List<SourceStatus> sources) {

    public MergedSearch {
        contacts = List.copyOf(contacts);
        sources = List.copyOf(sources);
    }
}
