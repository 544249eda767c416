/**
 * The SIP protocol plug-in (jain-sip underneath): accounts, registration with digest MD5/SHA-256/SHA-512-256,
 * keep-alive and recovery, calls. Internal: nothing here is API.
 */
package dev.switchboard.protocol.sip.internal;
