package io.vigil.bench.internal.video;

import io.vigil.api.media.MediaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * A soak camera's clip: still photos, each shown for two seconds, letterboxed to the camera's
 * size, H.264 at its frame rate, a key frame every two seconds. Encoded once per set of photos
 * and kept, so the soak's cameras cost what a camera's stream costs, not an encoder's.
 */
final class FaceClip {

    private FaceClip() {
    }

    static Path of(List<Path> photos, int width, int height, int fps, Path folder) throws IOException, MediaException {
        if (photos.isEmpty()) {
            throw new MediaException("the soak needs at least one photo with faces (--photos)");
        }
        StringBuilder key = new StringBuilder(width + "x" + height + "@" + fps);
        for (Path photo : photos) {
            if (!Files.isRegularFile(photo)) {
                throw new MediaException("photo " + photo + " does not exist");
            }
            String name = photo.toAbsolutePath().toString();
            if (name.chars().anyMatch(c -> c == '"' || c == '\\' || Character.isISOControl(c))) {
                throw new MediaException("photo " + photo + ": rename it without quotes, backslashes or control characters");
            }
            key.append('|').append(name).append('|').append(Files.size(photo));
        }
        Files.createDirectories(folder);
        String id;
        try {
            id = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path clip = folder.resolve("soak-" + id + ".mkv");
        if (Files.exists(clip)) {
            return clip;
        }
        Path partial = folder.resolve("soak-" + id + ".mkv.part");
        StringBuilder launch = new StringBuilder("concat name=c ! videoconvert ! x264enc speed-preset=veryfast key-int-max="
                + (2 * fps) + " ! h264parse ! matroskamux ! filesink location=\"" + partial + "\"");
        for (Path photo : photos) {
            launch.append("  filesrc location=\"").append(photo.toAbsolutePath()).append("\" ! decodebin ! videoconvert")
                    .append(" ! videoscale add-borders=true ! video/x-raw,width=").append(width).append(",height=").append(height)
                    .append(",pixel-aspect-ratio=1/1 ! imagefreeze num-buffers=").append(2 * fps)
                    .append(" ! video/x-raw,framerate=").append(fps).append("/1 ! c.");
        }
        ClipEncoder.encode(launch.toString(), partial, clip, "soak clip");
        return clip;
    }
}
