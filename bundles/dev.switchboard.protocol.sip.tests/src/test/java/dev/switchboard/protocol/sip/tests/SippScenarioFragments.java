package dev.switchboard.protocol.sip.tests;

/**
 * The pieces of SIPp scenario XML the registrar, mailbox and presence tests repeat: a response to the request SIPp just
 * received, built from that request's headers, and a NOTIFY a notifier sends in a subscription's dialog. Each returns
 * its {@code <send>} element as the scenario's text blocks lay it out (element indented two spaces, message at the
 * left margin), so the tests keep their scenarios readable as one text with these pieces spliced in.
 */
final class SippScenarioFragments {
    private SippScenarioFragments() {
    }

    /**
     * A response echoing the received request's Via, From, Call-ID and CSeq, its To with our tag {@code [pid]toTag},
     * then {@code headers} (one per line) and no body.
     */
    static String reply(String status, String toTag, String... headers) {
        return response(status, "[last_To:];tag=[pid]" + toTag, headers);
    }

    /** A response inside a dialog whose To already carries our tag: the received To is echoed as it is. */
    static String replyInDialog(String status, String... headers) {
        return response(status, "[last_To:]", headers);
    }

    /** The registrar's 200 to a REGISTER that adds a binding: the binding granted for 600 s (To tag {@code [pid]reg}). */
    static String registered() {
        return reply("200 OK", "reg", "[last_Contact:];expires=600");
    }

    /** The registrar's 200 to the REGISTER that removes the binding (To tag {@code [pid]reg}). */
    static String unregistered() {
        return reply("200 OK", "reg");
    }

    private static String response(String status, String to, String... headers) {
        StringBuilder send = new StringBuilder("  <send><![CDATA[\nSIP/2.0 ").append(status).append('\n')
                .append("[last_Via:]\n[last_From:]\n").append(to).append("\n[last_Call-ID:]\n[last_CSeq:]\n");
        for (String header : headers) {
            send.append(header).append('\n');
        }
        return send.append("Content-Length: 0\n\n]]></send>\n").toString();
    }

    /**
     * The notifier of one subscription (RFC 6665): sends NOTIFY to the subscriber's Contact (scenario variable
     * {@code contact}) in the dialog the SUBSCRIBE created (the subscriber's From tag in variable {@code fromtag}) as
     * {@code sip:entity@127.0.0.1} with From tag {@code [pid]tag}, its own Contact user {@code contactUser}, for the
     * event package {@code event} whose bodies are {@code contentType}; the subscriber is alice.
     */
    record Notifier(String entity, String tag, String contactUser, String event, String contentType) {

        /** A NOTIFY with CSeq {@code cseq}, Subscription-State {@code state} and {@code body} (its last line ends it). */
        String notify(int cseq, String state, String body) {
            return head(cseq, state) + "Content-Type: " + contentType + "\nContent-Length: [len]\n\n" + body
                    + "\n]]></send>\n";
        }

        /** The final NOTIFY ending the subscription: Subscription-State {@code state} (terminated) and no body. */
        String notifyWithoutBody(int cseq, String state) {
            return head(cseq, state) + "Content-Length: 0\n\n]]></send>\n";
        }

        private String head(int cseq, String state) {
            return "  <send><![CDATA[\nNOTIFY [$contact] SIP/2.0\n"
                    + "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]\n"
                    + "From: <sip:" + entity + "@127.0.0.1>;tag=[pid]" + tag + "\n"
                    + "To: <sip:alice@127.0.0.1>;tag=[$fromtag]\n"
                    + "Call-ID: [call_id]\n"
                    + "CSeq: " + cseq + " NOTIFY\n"
                    + "Max-Forwards: 70\n"
                    + "Contact: <sip:" + contactUser + "@[local_ip]:[local_port]>\n"
                    + "Event: " + event + "\n"
                    + "Subscription-State: " + state + "\n";
        }
    }
}
