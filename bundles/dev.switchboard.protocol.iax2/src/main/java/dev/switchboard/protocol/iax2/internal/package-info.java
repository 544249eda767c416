/**
 * IAX2 (RFC 5456) for Switchboard: the frame codec, the reliable transport over one UDP socket,
 * registration and calls behind the core's protocol SPI. Internal: nothing here is API.
 */
package dev.switchboard.protocol.iax2.internal;
