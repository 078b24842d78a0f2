package io.vigil.ingest.internal;

import io.vigil.api.admin.AdminCommand;
import io.vigil.support.args.CommandLineSpec;
import io.vigil.api.media.VideoCodec;
import io.vigil.gstreamer.GStreamerRuntime;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vigil decoders}: the decoder each codec gets on this machine and the fallbacks after it,
 * from the live GStreamer registry; {@code vigil doctor} shows it too.
 */
@Component(property = {
        AdminCommand.NAME + "=decoders",
        AdminCommand.SUMMARY + "=the video decoder chosen for each codec, hardware first, and its fallbacks"})
public class DecodersCommand implements AdminCommand {

    private final DecoderSelector selector;

    @Activate
    public DecodersCommand(@Reference GStreamerRuntime gstreamer) {
        this.selector = new DecoderSelector(gstreamer::elementRank);
    }

    private static final CommandLineSpec SPEC = CommandLineSpec.of("vigil decoders", "usage: vigil decoders");

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        return SPEC.run(args, err, line -> decoders(out));
    }

    private int decoders(PrintStream out) {
        int missing = 0;
        for (VideoCodec codec : VideoCodec.values()) {
            List<DecoderSelector.Candidate> candidates = selector.candidates(codec, DecoderSelector.AUTO);
            if (candidates.isEmpty()) {
                out.printf("  %-6s none: install gstreamer1.0-libav (software) or the GPU's GStreamer plugin%n", codec);
                missing++;
                continue;
            }
            DecoderSelector.Candidate chosen = candidates.get(0);
            String fallbacks = candidates.size() == 1 ? "" : ", then " + String.join(", ",
                    candidates.subList(1, candidates.size()).stream().map(DecoderSelector.Candidate::element).toList());
            out.printf("  %-6s %s (%s%s)%s%n", codec, chosen.element(), chosen.family(),
                    chosen.hardware() ? ", hardware" : "", fallbacks);
        }
        out.println("  A camera's stream configuration can override this: decoder=software or decoder=<element>.");
        return missing == 0 ? OK : PROBLEM;
    }
}
