package io.vigil.inference.internal;

import io.vigil.api.bench.InferenceWorkloads;
import java.nio.file.Path;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The inference stages for {@code vigil bench inference} to time (bench bundle); idle until it asks. */
@Component(service = InferenceWorkloads.class)
public class InferenceWorkloadsComponent implements InferenceWorkloads {

    private final InferenceService inference;

    @Activate
    public InferenceWorkloadsComponent(@Reference InferenceService inference) {
        this.inference = inference;
    }

    @Override
    public String runtime() {
        return inference.runtime().reason();
    }

    @Override
    public int intraOpThreads() {
        return inference.runtime().intraOpThreads();
    }

    @Override
    public Path samplePhotos() {
        return ModelDirectory.defaultCache(System.getenv()).resolve("models/@vladmandic-face-api-1.7.15/demo");
    }

    @Override
    public Prepared prepare(List<Path> photos) {
        InferenceOptions options = inference.options();
        return PreparedWorkloads.prepare(ModelDirectory.of(options.modelsDirectory(), System.getenv()), inference.runtime(),
                options, photos);
    }
}
