/**
 * What the Opus plug-in offers besides its {@link dev.switchboard.media.codec.AudioCodec}: Ogg Opus
 * files (RFC 7845), so that tools can check our Opus against opus-tools and ffmpeg.
 */
@Version("1.0.0")
package dev.switchboard.codec.opus;

import org.osgi.annotation.versioning.Version;
