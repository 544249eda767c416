package dev.switchboard.media.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import dev.switchboard.media.codec.AudioCodec;
import dev.switchboard.media.codec.CodecRegistry;

/** Collects the codec services as bundles come and go, highest preference first. */
@Component(service = CodecRegistry.class)
public class DefaultCodecRegistry implements CodecRegistry {

    private record Ranked(AudioCodec codec, int preference) {
    }

    private volatile List<Ranked> codecs = List.of();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addCodec(AudioCodec codec, Map<String, Object> properties) {
        int preference = properties.get(AudioCodec.PREFERENCE) instanceof Integer value ? value : 0;
        List<Ranked> sorted = new ArrayList<>(codecs);
        sorted.add(new Ranked(codec, preference));
        sorted.sort(Comparator.comparingInt(Ranked::preference).reversed()
                .thenComparing(ranked -> ranked.codec().info().rtpmap()));
        codecs = List.copyOf(sorted);
    }

    synchronized void removeCodec(AudioCodec codec) {
        codecs = codecs.stream().filter(ranked -> ranked.codec() != codec).toList();
    }

    @Override
    public List<AudioCodec> codecs() {
        return codecs.stream().map(Ranked::codec).toList();
    }

    @Override
    public Optional<AudioCodec> find(String encodingName, int clockRate) {
        return codecs.stream().map(Ranked::codec).filter(codec -> codec.info().matches(encodingName, clockRate)).findFirst();
    }
}
