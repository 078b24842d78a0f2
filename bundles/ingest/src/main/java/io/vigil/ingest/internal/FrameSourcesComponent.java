package io.vigil.ingest.internal;

import io.vigil.api.media.FrameListener;
import io.vigil.api.media.FrameSources;
import io.vigil.api.media.VideoCodec;
import io.vigil.gstreamer.GStreamerRuntime;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link FrameSources}: the same {@link CameraStream} a configured camera runs, for a caller
 * (the bench bundle) that wants the frames itself. Nothing runs until a source is opened: the
 * pool's threads start with the first stream.
 */
@Component(service = FrameSources.class)
public class FrameSourcesComponent implements FrameSources {

    private final DecoderSelector decoders;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Set<CameraStream> open = ConcurrentHashMap.newKeySet();

    @Activate
    public FrameSourcesComponent(@Reference GStreamerRuntime gstreamer) {
        this.decoders = new DecoderSelector(gstreamer::elementRank);
        AtomicInteger count = new AtomicInteger();
        // two threads for every source together, as the ingest bench always measured with
        this.scheduler = new ScheduledThreadPoolExecutor(2, r -> {
            Thread thread = new Thread(r, "vigil-frame-source-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public FrameSource open(String name, URI uri, FrameListener frames) {
        CameraStream stream = new CameraStream(StreamSettings.defaults(name, uri), decoders, frames::onFrame, state -> { },
                scheduler);
        open.add(stream);
        stream.start();
        return () -> {
            if (open.remove(stream)) {
                stream.close();
            }
        };
    }

    @Override
    public String describeChain(VideoCodec codec, String decoder) {
        return ChainDescription.describe(codec, decoder, StreamSettings.defaults("chain", URI.create("rtsp://127.0.0.1/chain")));
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        open.forEach(CameraStream::close);
        open.clear();
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }
}
