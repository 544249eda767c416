/**
 * The receive side's adaptive jitter buffer: RTP payloads go in as they arrive, the playout side pulls
 * decoded PCM at its own pace and gets concealment for what is missing. The buffer's delay follows the
 * measured jitter, changing mostly at talk-spurt starts, and absorbs clock drift between the peers.
 */
@Version("1.2.0")
package dev.switchboard.media.jitter;

import org.osgi.annotation.versioning.Version;
