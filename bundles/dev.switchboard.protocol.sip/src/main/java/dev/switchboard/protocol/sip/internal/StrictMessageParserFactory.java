package dev.switchboard.protocol.sip.internal;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Optional;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;

/**
 * jain-sip's {@code MESSAGE_PARSER_FACTORY}: its own parser, preceded by {@link StrictRequestCheck}. A request the
 * check refuses raises the {@link ParseException} the stack answers with an automatic 400 Bad Request.
 */
public final class StrictMessageParserFactory implements MessageParserFactory {

    private static final java.util.regex.Pattern LINE_END = java.util.regex.Pattern.compile("\r?\n");

    public StrictMessageParserFactory() {
        // instantiated by jain-sip from the MESSAGE_PARSER_FACTORY property
    }

    @Override
    public MessageParser createMessageParser(SIPTransactionStack stack) {
        StringMsgParser lenient = new StringMsgParser();
        return (bytes, readBody, strict, listener) -> parse(lenient, bytes, readBody, strict, listener);
    }

    private static SIPMessage parse(StringMsgParser lenient, byte[] bytes, boolean readBody, boolean strict,
            ParseExceptionListener listener) throws ParseException {
        if (bytes != null) {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            if (!readBody) {
                // TCP/TLS: jain-sip's pipelined parser has already framed the message and hands over the header
                // lines it read, joined by bare LF; a datagram (readBody) is checked exactly as it arrived
                text = LINE_END.matcher(text).replaceAll("\r\n");
            }
            Optional<String> problem = StrictRequestCheck.problem(text);
            if (problem.isPresent()) {
                throw new ParseException(problem.get(), 0);
            }
        }
        return lenient.parseSIPMessage(bytes, readBody, strict, listener);
    }
}
