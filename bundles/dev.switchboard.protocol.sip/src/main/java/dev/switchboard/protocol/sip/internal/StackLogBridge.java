package dev.switchboard.protocol.sip.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Properties;

import gov.nist.core.StackLogger;

/**
 * jain-sip's {@code STACK_LOGGER}: sends the stack's own log to {@link System.Logger} instead of log4j. The stack
 * creates it by class name; its debug chatter is only built when our logger wants debug.
 */
public final class StackLogBridge implements StackLogger {

    private static final Logger LOG = System.getLogger("dev.switchboard.protocol.sip.stack");
    /** The stack logs whole receive buffers (64 KiB of mostly zeros) with some errors; a log line needs less. */
    private static final int MAX_MESSAGE_CHARS = 2000;

    public StackLogBridge() {
        // instantiated by jain-sip from the STACK_LOGGER property
    }

    @Override
    public void logStackTrace() {
        // the stack asks for stack traces of its own calls at debug level only; nothing a user needs
    }

    @Override
    public void logStackTrace(int traceLevel) {
        // as above
    }

    @Override
    public int getLineCount() {
        return 0;
    }

    @Override
    public void logException(Throwable ex) {
        LOG.log(Level.WARNING, "SIP stack: " + ex, ex);
    }

    @Override
    public void logDebug(String message) {
        LOG.log(Level.DEBUG, message);
    }

    @Override
    public void logDebug(String message, Exception ex) {
        LOG.log(Level.DEBUG, message, ex);
    }

    @Override
    public void logTrace(String message) {
        LOG.log(Level.TRACE, message);
    }

    @Override
    public void logFatalError(String message) {
        LOG.log(Level.ERROR, shorten(message));
    }

    @Override
    public void logError(String message) {
        LOG.log(Level.ERROR, shorten(message));
    }

    @Override
    public boolean isLoggingEnabled() {
        return LOG.isLoggable(Level.INFO);
    }

    @Override
    public boolean isLoggingEnabled(int logLevel) {
        return LOG.isLoggable(level(logLevel));
    }

    @Override
    public void logError(String message, Exception ex) {
        LOG.log(Level.ERROR, shorten(message), ex);
    }

    @Override
    public void logWarning(String message) {
        // every stack start warns that TLS uses the JVM's defaults, and TCP connects try an advertised port:
        // true, expected, and nothing a user can act on
        boolean routine = message.contains("TLS") || message.contains("tls security policy")
                || message.startsWith("Using default") || message.startsWith("Failed to connect");
        LOG.log(routine ? Level.DEBUG : Level.WARNING, shorten(message));
    }

    @Override
    public void logInfo(String message) {
        LOG.log(Level.DEBUG, message);
    }

    @Override
    public void disableLogging() {
        // levels are the System.Logger's to decide
    }

    @Override
    public void enableLogging() {
        // as above
    }

    @Override
    public void setBuildTimeStamp(String buildTimeStamp) {
        // not needed
    }

    @Override
    public void setStackProperties(Properties stackProperties) {
        // configuration comes from System.Logger, not from stack properties
    }

    @Override
    public String getLoggerName() {
        return LOG.getName();
    }

    private static String shorten(String message) {
        return message == null || message.length() <= MAX_MESSAGE_CHARS ? message
                : message.substring(0, MAX_MESSAGE_CHARS) + "... (" + message.length() + " characters)";
    }

    private static Level level(int logLevel) {
        if (logLevel <= TRACE_FATAL) {
            return Level.ERROR;
        }
        if (logLevel <= TRACE_ERROR) {
            return Level.ERROR;
        }
        if (logLevel <= TRACE_WARN) {
            return Level.WARNING;
        }
        if (logLevel <= TRACE_INFO) {
            // the stack's "info" is internal detail
            return Level.DEBUG;
        }
        if (logLevel <= TRACE_DEBUG) {
            return Level.DEBUG;
        }
        return Level.TRACE;
    }
}
