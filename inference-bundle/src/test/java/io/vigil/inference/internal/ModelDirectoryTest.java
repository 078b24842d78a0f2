package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.face.FaceAnalysisException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {

    @TempDir
    Path temp;

    @Test
    void aMissingFileIsNamedWithTheFix() {
        ModelDirectory empty = ModelDirectory.of(temp.toString(), Map.of());
        FaceAnalysisException e = assertThrows(FaceAnalysisException.class, () -> empty.verified(FaceModelFile.LANDMARKS));
        System.out.println("missing model: " + e.getMessage());
        assertTrue(e.getMessage().contains(temp.resolve("fr_landmark.onnx").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        assertTrue(e.getMessage().contains("./vigil setup"), e.getMessage());
    }

    @Test
    void aCorruptFileIsRefusedForItsSha256() throws IOException {
        Path pinned = TestImages.models().verified(FaceModelFile.DETECTOR);
        byte[] bytes = Files.readAllBytes(pinned);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(temp.resolve("fr_detect.onnx"), bytes);

        ModelDirectory copy = ModelDirectory.of(temp.toString(), Map.of());
        FaceAnalysisException e = assertThrows(FaceAnalysisException.class, () -> copy.verified(FaceModelFile.DETECTOR));
        System.out.println("corrupt model: " + e.getMessage());
        assertTrue(e.getMessage().contains(temp.resolve("fr_detect.onnx").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("SHA-256 " + ModelDirectory.sha256(temp.resolve("fr_detect.onnx"))), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + FaceModelFile.DETECTOR.sha256()), e.getMessage());
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertTrue(e.getMessage().contains("./vigil setup"), e.getMessage());
    }

    @Test
    void loadingRefusesACorruptModelBeforeOnnxRuntimeSeesIt() throws IOException {
        ModelDirectory pinned = TestImages.models();
        for (FaceModelFile f : FaceModelFile.values()) {
            Files.copy(pinned.verified(f), temp.resolve(f.fileName()));
        }
        Path embedder = temp.resolve("fr_feature.onnx");
        byte[] bytes = Files.readAllBytes(embedder);
        bytes[100] ^= (byte) 0x80;
        Files.write(embedder, bytes);

        RuntimeChoice cpu = RuntimeChoice.choose(RuntimeChoice.Request.CPU, java.util.Set.of(), false, 1);
        FaceAnalysisException e = assertThrows(FaceAnalysisException.class,
                () -> FaceModels.load(ModelDirectory.of(temp.toString(), Map.of()), cpu, 1).close());
        assertTrue(e.getMessage().contains("fr_feature.onnx") && e.getMessage().contains("SHA-256"), e.getMessage());
    }

    @Test
    void theVerifiedPinnedFileIsReturned() {
        Path file = TestImages.models().verified(FaceModelFile.LANDMARKS);
        assertEquals("fr_landmark.onnx", file.getFileName().toString());
    }

    @Test
    void theDefaultFolderComesFromVigilCacheThenXdgCacheHomeThenHome() {
        Path tail = Path.of("models", "faceplugin-face-recognition-js-0.0.1", "model");
        assertEquals(Path.of("/srv/vigil-cache").resolve(tail),
                ModelDirectory.of("", Map.of("VIGIL_CACHE", "/srv/vigil-cache", "XDG_CACHE_HOME", "/xdg")).path());
        assertEquals(Path.of("/xdg", "vigil").resolve(tail),
                ModelDirectory.of(null, Map.of("XDG_CACHE_HOME", "/xdg")).path());
        assertEquals(Path.of("/xdg", "vigil").resolve(tail),
                ModelDirectory.of(" ", Map.of("VIGIL_CACHE", " ", "XDG_CACHE_HOME", "/xdg")).path(), "blank means unset");
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "vigil").resolve(tail),
                ModelDirectory.of("", Map.of()).path());
        assertEquals(Path.of("/opt/models"),
                ModelDirectory.of("/opt/models", Map.of("VIGIL_CACHE", "/srv/vigil-cache")).path(), "configured folder wins");
    }
}
