package io.vigil.ingest.internal;

import io.vigil.api.media.VideoCodec;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import io.vigil.gstreamer.GStreamerRuntime;
import java.util.ArrayList;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The ingest module as a whole: which decoder each codec gets on this machine, so that an
 * administrator sees at a glance whether streams are decoded by hardware. Cameras override it
 * with their stream configuration's {@code decoder} setting.
 */
@Component(immediate = true, property = "vigil.module=ingest")
public class IngestService implements StatusReporter {

    private final DecoderSelector selector;

    @Activate
    public IngestService(@Reference GStreamerRuntime gstreamer, @Reference(service = LoggerFactory.class) Logger logger) {
        this.selector = new DecoderSelector(gstreamer::elementRank);
        logger.info("Decoders: {}", decoders());
    }

    String decoders() {
        List<String> parts = new ArrayList<>();
        for (VideoCodec codec : VideoCodec.values()) {
            List<DecoderSelector.Candidate> candidates = selector.candidates(codec, DecoderSelector.AUTO);
            parts.add(codec + " " + (candidates.isEmpty() ? "none"
                    : candidates.get(0).element() + " (" + candidates.get(0).family() + ")"));
        }
        return String.join(", ", parts);
    }

    @Override
    public ModuleStatus status() {
        String decoders = decoders();
        return new ModuleStatus("ingest", decoders.contains("none") ? ModuleStatus.Health.DEGRADED : ModuleStatus.Health.OK,
                "decoders: " + decoders);
    }
}
