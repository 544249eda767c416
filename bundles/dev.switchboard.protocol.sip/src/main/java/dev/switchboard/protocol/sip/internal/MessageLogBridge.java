package dev.switchboard.protocol.sip.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Properties;

import javax.sip.SipStack;

import gov.nist.core.ServerLogger;
import gov.nist.javax.sip.message.SIPMessage;

/**
 * jain-sip's {@code SERVER_LOGGER}: every SIP message sent or received, at debug level on
 * {@code dev.switchboard.protocol.sip.messages}, so a failing test or a user's log shows the exchange.
 * Authorization headers are logged as they are: they hold a hash, never the password.
 */
public final class MessageLogBridge implements ServerLogger {

    private static final Logger LOG = System.getLogger("dev.switchboard.protocol.sip.messages");

    public MessageLogBridge() {
        // instantiated by jain-sip from the SERVER_LOGGER property
    }

    @Override
    public void closeLogFile() {
        // nothing open
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender, long time) {
        log(message, from, to, sender);
    }

    @Override
    public void logMessage(SIPMessage message, String from, String to, String status, boolean sender) {
        log(message, from, to, sender);
    }

    @Override
    public void logException(Exception ex) {
        LOG.log(Level.DEBUG, "SIP message handling failed", ex);
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // levels come from System.Logger
    }

    @Override
    public void setSipStack(SipStack sipStack) {
        // not needed
    }

    private static void log(SIPMessage message, String from, String to, boolean sender) {
        if (LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, (sender ? "sent " + from + " -> " + to : "received " + from + " -> " + to) + "\n"
                    + message.encode());
        }
    }
}
