package dev.switchboard.media.internal.rtp;

import java.io.IOException;

import org.osgi.service.component.annotations.Component;

import dev.switchboard.media.rtp.RtpSession;
import dev.switchboard.media.rtp.RtpSessionFactory;
import dev.switchboard.media.rtp.RtpSessionListener;
import dev.switchboard.media.rtp.RtpSessionOptions;

/** Offers {@link UdpRtpSession}s as the {@link RtpSessionFactory} service. */
@Component(service = RtpSessionFactory.class)
public class DefaultRtpSessionFactory implements RtpSessionFactory {

    @Override
    public RtpSession open(RtpSessionOptions options, RtpSessionListener listener) throws IOException {
        return UdpRtpSession.open(options, listener);
    }
}
