/**
 * Waiting in tests for a state that has no event to wait on (a packet counter, a roster the core API
 * does not report changes of), bounded by a timeout that fails the test with what was awaited.
 */
package dev.switchboard.testing.await;
