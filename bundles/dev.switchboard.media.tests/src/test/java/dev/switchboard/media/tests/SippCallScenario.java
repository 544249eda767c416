package dev.switchboard.media.tests;

/**
 * SIPp scenarios of one outgoing call to {@link MinimalSipAnswerer}: INVITE with the given SDP media
 * lines, ACK, the given media actions while the call stands, BYE.
 */
final class SippCallScenario {

    private SippCallScenario() {
    }

    /**
     * @param mediaLines   SDP from the {@code m=} line on, e.g. {@code m=audio [auto_media_port] RTP/AVP 0}
     * @param mediaActions SIPp scenario elements run between ACK and BYE
     */
    static String call(String name, String mediaLines, String mediaActions) {
        return """
                <?xml version="1.0" encoding="ISO-8859-1" ?>
                <scenario name="%s">
                  <send retrans="500"><![CDATA[
                INVITE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
                Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                From: <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
                To: <sip:[service]@[remote_ip]:[remote_port]>
                Call-ID: [call_id]
                CSeq: 1 INVITE
                Contact: <sip:sipp@[local_ip]:[local_port]>
                Max-Forwards: 70
                Content-Type: application/sdp
                Content-Length: [len]

                v=0
                o=sipp 1 1 IN IP4 [local_ip]
                s=-
                c=IN IP4 [local_ip]
                t=0 0
                %s
                ]]></send>
                  <recv response="200" rtd="true"/>
                  <send><![CDATA[
                ACK sip:[service]@[remote_ip]:[remote_port] SIP/2.0
                Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                From: <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
                To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
                Call-ID: [call_id]
                CSeq: 1 ACK
                Max-Forwards: 70
                Content-Length: 0

                ]]></send>
                %s
                  <send retrans="500"><![CDATA[
                BYE sip:[service]@[remote_ip]:[remote_port] SIP/2.0
                Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
                From: <sip:sipp@[local_ip]:[local_port]>;tag=[call_number]
                To: <sip:[service]@[remote_ip]:[remote_port]>[peer_tag_param]
                Call-ID: [call_id]
                CSeq: 2 BYE
                Max-Forwards: 70
                Content-Length: 0

                ]]></send>
                  <recv response="200"/>
                </scenario>
                """.formatted(name, mediaLines.strip() + "\n", mediaActions.strip());
    }
}
