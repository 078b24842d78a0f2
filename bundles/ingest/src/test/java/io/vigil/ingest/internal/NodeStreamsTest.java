package io.vigil.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.api.media.StreamSpec;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The choice of what runs on this node: every offered camera once on a single node, the assigned ones in a cluster. */
class NodeStreamsTest {

    private static StreamSpec spec(String camera, String path) {
        return StreamSpec.of(camera, URI.create("rtsp://127.0.0.1:8554/" + path), "", "", false);
    }

    private final List<StreamSpec> offers = List.of(spec("gate", "a"), spec("porch", "b"), spec("gate", "c"), spec("yard", "d"));

    @Test
    void aSingleNodeRunsEveryOfferedCameraOnceTheEarliestOfferWinning() {
        NodeStreams.Choice choice = NodeStreams.choose(offers);
        assertEquals(List.of("gate", "porch", "yard"), List.copyOf(choice.run().keySet()));
        assertEquals(URI.create("rtsp://127.0.0.1:8554/a"), choice.run().get("gate").uri());
        assertEquals(List.of(spec("gate", "c")), choice.duplicates());
        assertEquals(List.of(), choice.elsewhere());
    }

    @Test
    void aClusterMemberRunsOnlyTheOfferedCamerasAssignedToIt() {
        NodeStreams.Choice choice = NodeStreams.choose(offers, Optional.of(Set.of("gate", "lobby")));
        assertEquals(List.of("gate"), List.copyOf(choice.run().keySet()));
        assertEquals(List.of("porch", "yard"), choice.elsewhere());
        assertEquals(List.of(spec("gate", "c")), choice.duplicates());

        NodeStreams.Choice none = NodeStreams.choose(offers, Optional.of(Set.of()));
        assertEquals(List.of(), List.copyOf(none.run().keySet()), "a member not yet assigned anything runs nothing");
    }
}
