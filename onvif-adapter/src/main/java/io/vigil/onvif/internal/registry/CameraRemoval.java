package io.vigil.onvif.internal.registry;

import io.vigil.support.json.Json;
import io.vigil.api.admin.AdminCommand;
import io.vigil.api.camera.Camera;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code vigil cameras remove ID}: takes a configured camera out, however it was added (a file in
 * deploy/ or conf/, a CSV import, {@code discover --add}). Its configuration is deleted, and so is
 * the file it came from, which would otherwise bring it back; the camera's component then stops
 * its stream, and Vigil's ONVIF device stops offering it as a profile.
 */
final class CameraRemoval {

    static final String FILENAME = "felix.fileinstall.filename";

    private final ConfigurationAdmin configurations;
    private final AnnouncedCameras announced;

    CameraRemoval(ConfigurationAdmin configurations, AnnouncedCameras announced) {
        this.configurations = configurations;
        this.announced = announced;
    }

    int remove(String id, boolean json, PrintStream out, PrintStream err) {
        Configuration[] found;
        try {
            found = configurations.listConfigurations("(&(service.factoryPid=" + CameraComponent.PID + ")(camera.id="
                    + id.replaceAll("([\\\\*()])", "\\\\$1") + "))");
        } catch (IOException | InvalidSyntaxException e) {
            err.println("Cannot read the camera configurations: " + e.getMessage());
            return AdminCommand.PROBLEM;
        }
        if (found == null || found.length == 0) {
            boolean heard = announced.cameras().stream().map(Camera::id).anyMatch(id::equals);
            err.println(heard ? "Camera " + id + " is only an announced device, not a configured camera: nothing to remove."
                    : "No camera " + id + " is configured (vigil cameras lists them).");
            return AdminCommand.PROBLEM;
        }
        Optional<Path> removedFile = Optional.empty();
        for (Configuration configuration : found) {
            Optional<Path> file = file(configuration.getProperties() == null ? null : configuration.getProperties().get(FILENAME));
            try {
                if (file.isPresent() && Files.deleteIfExists(file.get())) {
                    removedFile = file;
                }
                configuration.delete();
            } catch (IOException | IllegalStateException e) {
                err.println("Cannot remove camera " + id + ": " + e.getMessage());
                return AdminCommand.PROBLEM;
            }
        }
        if (json) {
            Map<String, Object> removed = new LinkedHashMap<>();
            removed.put("camera", id);
            removed.put("removed", true);
            removed.put("file", removedFile.map(Path::toString).orElse(null));
            out.println(Json.pretty(removed));
        } else {
            out.println("Removed camera " + id + removedFile.map(f -> " (and its file " + f + ")").orElse("") + ".");
        }
        return AdminCommand.OK;
    }

    static Optional<Path> file(Object name) {
        if (name == null) {
            return Optional.empty();
        }
        String text = String.valueOf(name);
        try {
            return Optional.of(text.startsWith("file:") ? Path.of(URI.create(text)) : Path.of(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
