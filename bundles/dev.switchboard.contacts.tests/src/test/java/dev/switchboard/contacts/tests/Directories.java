package dev.switchboard.contacts.tests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** Generated directory content and helpers for the LDAP tests. */
final class Directories {

    static final String SUFFIX = "dc=example,dc=com";
    static final String PEOPLE = "ou=people," + SUFFIX;

    private Directories() {
    }

    /** Alice, Bob and Carol (distinct names, numbers, mail) plus {@code generated} people named "Person NNNNN". */
    static String ldif(int generated) {
        StringBuilder ldif = new StringBuilder("""
                dn: dc=example,dc=com
                objectClass: dcObject
                objectClass: organization
                dc: example
                o: Example Telephony

                dn: ou=people,dc=example,dc=com
                objectClass: organizationalUnit
                ou: people

                dn: uid=alice,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: alice
                cn: Alice Archer
                sn: Archer
                givenName: Alice
                mail: alice@example.com
                telephoneNumber: +1 555 0101
                mobile: +1 555 0201
                title: Support Engineer
                ou: Support

                dn: uid=bob,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: bob
                cn: Bob Baker
                sn: Baker
                givenName: Bob
                mail: bob@example.com
                telephoneNumber: +1 555 0102

                dn: uid=carol,ou=people,dc=example,dc=com
                objectClass: inetOrgPerson
                uid: carol
                cn: Carol Clarke
                sn: Clarke
                givenName: Carol
                mail: carol@example.com
                telephoneNumber: +1 555 0103

                """);
        for (int i = 0; i < generated; i++) {
            String number = String.format("%05d", i);
            ldif.append("dn: uid=p").append(number).append(",ou=people,dc=example,dc=com\n")
                    .append("objectClass: inetOrgPerson\n")
                    .append("uid: p").append(number).append('\n')
                    .append("cn: Person ").append(number).append(" Generated\n")
                    .append("sn: Generated\n")
                    .append("givenName: Person\n")
                    .append("mail: p").append(number).append("@example.com\n")
                    .append("telephoneNumber: +1 555 9").append(number.substring(1)).append("\n\n");
        }
        return ldif.toString();
    }

    static Path pem(X509Certificate certificate, Path directory) throws IOException, CertificateEncodingException {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        return Files.writeString(directory.resolve("trusted.pem"), pem);
    }

    static long countLines(Path log, String containing) throws IOException {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.contains(containing)).count();
        }
    }
}
