package dev.switchboard.contacts.vcard.internal;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.temporal.Temporal;
import java.util.Base64;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.contacts.BookEntry;
import dev.switchboard.contacts.vcard.VcardCodec;
import dev.switchboard.core.contacts.AddressKind;
import dev.switchboard.core.contacts.ContactAddress;
import dev.switchboard.core.contacts.PostalAddress;
import ezvcard.Ezvcard;
import ezvcard.VCard;
import ezvcard.VCardVersion;
import ezvcard.io.ParseWarning;
import ezvcard.io.text.VCardReader;
import ezvcard.parameter.EmailType;
import ezvcard.parameter.ImppType;
import ezvcard.parameter.TelephoneType;
import ezvcard.parameter.AddressType;
import ezvcard.parameter.ImageType;
import ezvcard.property.Address;
import ezvcard.property.Birthday;
import ezvcard.property.Categories;
import ezvcard.property.Email;
import ezvcard.property.FormattedName;
import ezvcard.property.Impp;
import ezvcard.property.Note;
import ezvcard.property.Organization;
import ezvcard.property.Photo;
import ezvcard.property.RawProperty;
import ezvcard.property.StructuredName;
import ezvcard.property.Telephone;
import ezvcard.util.PartialDate;

/**
 * vCards through ez-vcard. The file is first cut into entries at {@code BEGIN:VCARD}/{@code END:VCARD}
 * lines, so every problem is reported with its line in the file and one broken entry never spoils the
 * next; each entry is then parsed on its own and accepted only if ez-vcard reported nothing that loses
 * data. Addresses map to TEL (type as label; {@code cell} is "mobile"), EMAIL, IMPP ({@code sip:},
 * {@code xmpp:}, {@code iax2:}, {@code h323:}; also the common X-SIP and X-JABBER), NOTE, CATEGORIES
 * (groups), ADR (postal addresses; PO box and extended address lines go before the street), BDAY (a date,
 * or month and day without year: {@code --MMDD}, which 3.0 files also get), the first PHOTO (inline
 * pictures become {@code data:} URIs and go back inline; links stay links) and {@value #FAVOURITE}. A
 * BDAY that is no date leaves the entry out, reported with its line.
 */
@Component(service = VcardCodec.class)
public class EzVcardCodec implements VcardCodec {

    static final String FAVOURITE = "X-SWITCHBOARD-FAVOURITE";
    /** ez-vcard's warning codes that mean a line or value was dropped (its messages.properties). */
    private static final Set<Integer> DATA_LOST = Set.of(25, 27);
    /** ez-vcard's warning "Could not parse date string": the property is then kept as raw text. */
    private static final int UNPARSED_DATE = 5;
    private static final Pattern MONTH_DAY = Pattern.compile("--(\\d{2})-?(\\d{2})");
    private static final Pattern BEGIN = Pattern.compile("(?i)^\\s*BEGIN\\s*:\\s*VCARD\\s*$");
    private static final Pattern END = Pattern.compile("(?i)^\\s*END\\s*:\\s*VCARD\\s*$");

    /** One BEGIN..END block of the file. */
    private record Chunk(int firstLine, String text, boolean terminated) {
    }

    @Override
    public ImportResult read(String text) {
        List<BookEntry> entries = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Chunk chunk : chunks(text, problems)) {
            if (!chunk.terminated()) {
                problems.add(new Problem(chunk.firstLine(), "vCard has no END:VCARD; not imported"));
                continue;
            }
            readEntry(chunk, problems).ifPresent(entries::add);
        }
        problems.sort(java.util.Comparator.comparingInt(Problem::line));
        return new ImportResult(entries, problems);
    }

    private static List<Chunk> chunks(String text, List<Problem> problems) {
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<Chunk> chunks = new ArrayList<>();
        StringBuilder current = null;
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (BEGIN.matcher(line).matches()) {
                if (current != null) {
                    chunks.add(new Chunk(start, current.toString(), false));
                }
                current = new StringBuilder(line).append("\r\n");
                start = i + 1;
            } else if (current != null) {
                current.append(line).append("\r\n");
                if (END.matcher(line).matches()) {
                    chunks.add(new Chunk(start, current.toString(), true));
                    current = null;
                }
            } else if (!line.isBlank()) {
                problems.add(new Problem(i + 1, "text outside any vCard was skipped"));
            }
        }
        if (current != null) {
            chunks.add(new Chunk(start, current.toString(), false));
        }
        return chunks;
    }

    private java.util.Optional<BookEntry> readEntry(Chunk chunk, List<Problem> problems) {
        VCard card;
        List<ParseWarning> warnings;
        try (VCardReader reader = new VCardReader(chunk.text())) {
            card = reader.readNext();
            warnings = reader.getWarnings();
        } catch (IOException | RuntimeException e) {
            problems.add(new Problem(chunk.firstLine(), "vCard cannot be read: " + e.getMessage() + "; not imported"));
            return java.util.Optional.empty();
        }
        if (card == null) {
            problems.add(new Problem(chunk.firstLine(), "vCard is empty; not imported"));
            return java.util.Optional.empty();
        }
        for (ParseWarning warning : warnings) {
            if (warning.getCode() != null && DATA_LOST.contains(warning.getCode())) {
                int line = warning.getLineNumber() == null ? chunk.firstLine()
                        : chunk.firstLine() + warning.getLineNumber() - 1;
                problems.add(new Problem(line, clean(warning.getMessage()) + "; vCard starting on line "
                        + chunk.firstLine() + " not imported"));
                return java.util.Optional.empty();
            }
        }
        BookEntry entry;
        try {
            entry = entry(card);
        } catch (IllegalArgumentException e) {
            int line = chunk.firstLine();
            for (ParseWarning warning : warnings) {
                if (warning.getCode() != null && warning.getCode() == UNPARSED_DATE
                        && "BDAY".equalsIgnoreCase(warning.getPropertyName()) && warning.getLineNumber() != null) {
                    line = chunk.firstLine() + warning.getLineNumber() - 1;
                }
            }
            problems.add(new Problem(line, e.getMessage() + "; vCard starting on line " + chunk.firstLine()
                    + " not imported"));
            return java.util.Optional.empty();
        }
        if (entry == null) {
            problems.add(new Problem(chunk.firstLine(), "vCard has neither a name nor an address; not imported"));
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(entry);
    }

    /** ez-vcard's messages start with "Line N (X property):", which would repeat the line in the chunk. */
    private static String clean(String message) {
        return message == null ? "unreadable line" : message.replaceFirst("^Line \\d+ ?(\\([^)]*\\))?:\\s*", "$1 ").strip();
    }

    private static BookEntry entry(VCard card) {
        List<ContactAddress> addresses = new ArrayList<>();
        for (Telephone telephone : card.getTelephoneNumbers()) {
            String number = telephone.getText();
            if (number == null && telephone.getUri() != null) {
                number = telephone.getUri().getNumber()
                        + (telephone.getUri().getExtension() == null ? "" : ";ext=" + telephone.getUri().getExtension());
            }
            if (number != null && !number.isBlank()) {
                addresses.add(new ContactAddress(AddressKind.TEL, number.strip(), telephoneLabel(telephone.getTypes())));
            }
        }
        for (Email email : card.getEmails()) {
            if (email.getValue() != null && !email.getValue().isBlank()) {
                addresses.add(new ContactAddress(AddressKind.EMAIL, email.getValue().strip(),
                        label(email.getTypes().stream().map(EmailType::getValue).toList())));
            }
        }
        for (Impp impp : card.getImpps()) {
            if (impp.getProtocol() == null || impp.getHandle() == null) {
                continue;
            }
            AddressKind kind = switch (impp.getProtocol().toLowerCase(Locale.ROOT)) {
                case "sip", "sips" -> AddressKind.SIP;
                case "xmpp" -> AddressKind.XMPP;
                case "iax2", "iax" -> AddressKind.IAX2;
                case "h323" -> AddressKind.H323;
                default -> null;
            };
            if (kind != null) {
                addresses.add(new ContactAddress(kind, impp.getHandle(),
                        label(impp.getTypes().stream().map(ImppType::getValue).toList())));
            }
        }
        for (RawProperty raw : card.getExtendedProperties("X-SIP")) {
            addresses.add(new ContactAddress(AddressKind.SIP, withoutScheme(raw.getValue()), ""));
        }
        for (RawProperty raw : card.getExtendedProperties("X-JABBER")) {
            addresses.add(new ContactAddress(AddressKind.XMPP, withoutScheme(raw.getValue()), ""));
        }
        String name = displayName(card);
        if (name.isEmpty()) {
            if (addresses.isEmpty()) {
                return null;
            }
            name = addresses.getFirst().value();
        }
        String organisation = "";
        Organization org = card.getOrganization();
        if (org != null) {
            organisation = String.join(", ", org.getValues().stream().filter(v -> !v.isBlank()).toList());
        }
        List<String> notes = card.getNotes().stream().map(Note::getValue).filter(v -> v != null && !v.isBlank()).toList();
        Set<String> groups = new LinkedHashSet<>();
        for (Categories categories : card.getCategoriesList()) {
            categories.getValues().stream().map(String::strip).filter(v -> !v.isEmpty()).forEach(groups::add);
        }
        RawProperty favourite = card.getExtendedProperty(FAVOURITE);
        boolean isFavourite = favourite != null && favourite.getValue() != null && "true".equalsIgnoreCase(favourite.getValue().strip());
        List<PostalAddress> postal = new ArrayList<>();
        for (Address address : card.getAddresses()) {
            List<String> streetLines = new ArrayList<>();
            for (String part : new String[] {address.getPoBox(), address.getExtendedAddressFull(),
                    address.getStreetAddressFull()}) {
                if (part != null && !part.isBlank()) {
                    streetLines.add(part.strip());
                }
            }
            PostalAddress read = new PostalAddress(String.join("\n", streetLines), text(address.getLocality()),
                    text(address.getRegion()), text(address.getPostalCode()), text(address.getCountry()),
                    label(address.getTypes().stream().map(AddressType::getValue).toList()));
            if (!read.isEmpty()) {
                postal.add(read);
            }
        }
        return new BookEntry("", name, organisation, addresses, String.join("\n", notes), groups, isFavourite, postal,
                birthday(card), photo(card));
    }

    private static String text(String value) {
        return value == null ? "" : value.strip();
    }

    /**
     * ISO 8601 {@code YYYY-MM-DD} or {@code --MM-DD}; empty without BDAY.
     *
     * @throws IllegalArgumentException if BDAY is there but no date
     */
    private static String birthday(VCard card) {
        Birthday birthday = card.getBirthday();
        if (birthday != null) {
            Temporal date = birthday.getDate();
            if (date != null) {
                try {
                    return LocalDate.from(date).toString();
                } catch (java.time.DateTimeException e) {
                    throw new IllegalArgumentException("BDAY '" + date + "' is not a date");
                }
            }
            PartialDate partial = birthday.getPartialDate();
            if (partial != null && partial.getMonth() != null && partial.getDate() != null) {
                if (partial.getYear() != null) {
                    return LocalDate.of(partial.getYear(), partial.getMonth(), partial.getDate()).toString();
                }
                return MonthDay.of(partial.getMonth(), partial.getDate()).toString();
            }
            throw new IllegalArgumentException("BDAY '" + (birthday.getText() != null ? birthday.getText() : partial)
                    + "' is not a date");
        }
        // 3.0 has no year-less dates, so ez-vcard leaves --MMDD as raw text; it is what 4.0 writes
        RawProperty raw = card.getExtendedProperty("BDAY");
        if (raw == null) {
            return "";
        }
        String value = raw.getValue() == null ? "" : raw.getValue().strip();
        var monthDay = MONTH_DAY.matcher(value);
        if (monthDay.matches()) {
            try {
                return MonthDay.of(Integer.parseInt(monthDay.group(1)), Integer.parseInt(monthDay.group(2))).toString();
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("BDAY '" + value + "' is not a date");
            }
        }
        throw new IllegalArgumentException("BDAY '" + value + "' is not a date");
    }

    /** The first PHOTO: inline data as a {@code data:} URI, a link as it is; empty without PHOTO. */
    private static String photo(VCard card) {
        for (Photo photo : card.getPhotos()) {
            if (photo.getData() != null) {
                String type = photo.getContentType() == null || photo.getContentType().getMediaType() == null
                        ? "application/octet-stream" : photo.getContentType().getMediaType();
                return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(photo.getData());
            }
            if (photo.getUrl() != null && !photo.getUrl().isBlank()) {
                return photo.getUrl().strip();
            }
        }
        return "";
    }

    private static String displayName(VCard card) {
        FormattedName formatted = card.getFormattedName();
        if (formatted != null && formatted.getValue() != null && !formatted.getValue().isBlank()) {
            return formatted.getValue().strip();
        }
        StructuredName structured = card.getStructuredName();
        if (structured != null) {
            String given = structured.getGiven() == null ? "" : structured.getGiven();
            String family = structured.getFamily() == null ? "" : structured.getFamily();
            return (given + " " + family).strip();
        }
        return "";
    }

    private static String telephoneLabel(List<TelephoneType> types) {
        List<String> values = new ArrayList<>();
        for (TelephoneType type : types) {
            values.add(type.equals(TelephoneType.CELL) ? "mobile" : type.getValue());
        }
        return label(values);
    }

    /** Types that say how a number or address is used rather than where it leads. */
    private static final Set<String> NOT_LABELS = Set.of("voice", "pref", "internet", "x400", "msg", "video", "text",
            "textphone", "postal", "parcel", "dom", "intl");

    /** The first type that says where (work, home, mobile, fax...), not how (voice, pref, internet). */
    private static String label(List<String> types) {
        for (String type : types) {
            String value = type.toLowerCase(Locale.ROOT);
            if (!NOT_LABELS.contains(value)) {
                return value;
            }
        }
        return "";
    }

    private static String withoutScheme(String value) {
        String text = value.strip();
        int colon = text.indexOf(':');
        return colon > 0 && colon < 6 && !text.substring(0, colon).contains("@") ? text.substring(colon + 1) : text;
    }

    @Override
    public void write(List<BookEntry> entries, Version version, Writer out) throws IOException {
        List<VCard> cards = new ArrayList<>(entries.size());
        for (BookEntry entry : entries) {
            cards.add(card(entry, version));
        }
        Ezvcard.write(cards).version(version == Version.V3_0 ? VCardVersion.V3_0 : VCardVersion.V4_0).prodId(false)
                .go(out);
    }

    private static VCard card(BookEntry entry, Version version) {
        VCard card = new VCard();
        card.setFormattedName(entry.displayName());
        // N is required in 3.0; the last word is taken as the family name
        StructuredName name = new StructuredName();
        String display = entry.displayName().strip();
        int space = display.lastIndexOf(' ');
        name.setFamily(space < 0 ? display : display.substring(space + 1));
        if (space > 0) {
            name.setGiven(display.substring(0, space));
        }
        card.setStructuredName(name);
        if (!entry.organisation().isEmpty()) {
            card.setOrganization(entry.organisation());
        }
        for (ContactAddress address : entry.addresses()) {
            switch (address.kind()) {
                case TEL -> {
                    Telephone telephone = new Telephone(address.value());
                    if (!address.label().isEmpty()) {
                        telephone.getTypes().add("mobile".equals(address.label()) ? TelephoneType.CELL
                                : TelephoneType.get(address.label()));
                    }
                    card.addTelephoneNumber(telephone);
                }
                case EMAIL -> {
                    Email email = new Email(address.value());
                    if (!address.label().isEmpty()) {
                        email.getTypes().add(EmailType.get(address.label()));
                    }
                    card.addEmail(email);
                }
                case SIP, XMPP, IAX2, H323 -> {
                    String scheme = switch (address.kind()) {
                        case SIP -> "sip";
                        case XMPP -> "xmpp";
                        case IAX2 -> "iax2";
                        default -> "h323";
                    };
                    Impp impp = new Impp(scheme, address.value());
                    if (!address.label().isEmpty()) {
                        impp.getTypes().add(ImppType.get(address.label()));
                    }
                    card.addImpp(impp);
                }
            }
        }
        for (PostalAddress postal : entry.postalAddresses()) {
            Address address = new Address();
            address.setStreetAddress(postal.street());
            address.setLocality(postal.locality());
            address.setRegion(postal.region());
            address.setPostalCode(postal.postalCode());
            address.setCountry(postal.country());
            if (!postal.label().isEmpty()) {
                address.getTypes().add(AddressType.get(postal.label()));
            }
            card.addAddress(address);
        }
        if (!entry.birthday().isEmpty()) {
            if (!entry.birthday().startsWith("--")) {
                card.setBirthday(new Birthday(LocalDate.parse(entry.birthday())));
            } else if (version == Version.V4_0) {
                card.setBirthday(new Birthday(PartialDate.parse(entry.birthday())));
            } else {
                // ez-vcard would write an empty BDAY for a year-less date in 3.0; ISO 8601's --MMDD is what 4.0 uses
                card.addExtendedProperty("BDAY", entry.birthday().replace("-", "").replaceFirst("^", "--"));
            }
        }
        if (!entry.photo().isEmpty()) {
            card.addPhoto(photo(entry.photo()));
        }
        if (!entry.notes().isEmpty()) {
            card.addNote(entry.notes());
        }
        if (!entry.groups().isEmpty()) {
            card.setCategories(entry.groups().toArray(String[]::new));
        }
        if (entry.favourite()) {
            card.addExtendedProperty(FAVOURITE, "TRUE");
        }
        return card;
    }

    /** A {@code data:} URI with base64 data goes inline (3.0: ENCODING=b; 4.0: the data URI), anything else as a link. */
    private static Photo photo(String uri) {
        if (uri.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = uri.indexOf(',');
            String header = comma < 0 ? "" : uri.substring(5, comma);
            if (header.toLowerCase(Locale.ROOT).endsWith(";base64")) {
                String mediaType = header.substring(0, header.length() - ";base64".length());
                return new Photo(Base64.getDecoder().decode(uri.substring(comma + 1)),
                        mediaType.isEmpty() ? null : ImageType.get(null, mediaType, null));
            }
        }
        return new Photo(uri, null);
    }
}
