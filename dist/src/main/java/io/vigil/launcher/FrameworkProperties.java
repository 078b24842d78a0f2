package io.vigil.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The framework's launch properties: {@code conf/config.properties} with {@code ${...}} resolved. */
final class FrameworkProperties {

    /**
     * "true" when {@code conf/io.vigil.cluster.cfg} exists: the node is a cluster member, so ingest runs no camera
     * until the cluster assigned it its own (the configuration itself may be read after the cameras').
     */
    static final String CLUSTER_MEMBER = "vigil.cluster.member";

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");

    private FrameworkProperties() {
    }

    /**
     * Reads {@code conf/config.properties} and adds what the launcher knows: the paths, the
     * version, the mode. {@code ${name}} refers to those, to other properties of the file, or
     * to Java system properties; an unknown name is an error, not an empty string.
     */
    static Map<String, String> load(VigilPaths paths, String version, String mode, Path storage, Path adminSocket) {
        Map<String, String> known = new HashMap<>();
        known.put("vigil.home", paths.home().toString());
        known.put("vigil.data", paths.data().toString());
        known.put("vigil.logs", paths.logs().toString());
        known.put("vigil.deploy", paths.deploy().toString());
        known.put("vigil.conf", paths.conf().toString());
        known.put("vigil.version", version);
        known.put("vigil.mode", mode);
        known.put("vigil.admin.socket", adminSocket.toString());
        known.put("vigil.started", Long.toString(System.currentTimeMillis()));
        known.put(CLUSTER_MEMBER, Boolean.toString(Files.isRegularFile(paths.conf().resolve("io.vigil.cluster.cfg"))));

        Path file = paths.conf().resolve("config.properties");
        Properties raw = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            raw.load(reader);
        } catch (NoSuchFileException e) {
            throw new LauncherException("Missing " + file + ": the distribution is incomplete; reinstall it.");
        } catch (IOException | IllegalArgumentException e) {
            throw new LauncherException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> result = new HashMap<>(known);
        for (String name : raw.stringPropertyNames()) {
            result.put(name, raw.getProperty(name));
        }
        // the launcher decides these: a stale value in the file must not point elsewhere
        result.putAll(known);
        result.put("org.osgi.framework.storage", storage.toString());
        Map<String, String> resolved = new HashMap<>();
        for (Map.Entry<String, String> entry : result.entrySet()) {
            resolved.put(entry.getKey(), substitute(entry.getKey(), entry.getValue(), result::get, 0, file));
        }
        return resolved;
    }

    static String substitute(String name, String value, Function<String, String> lookup, int depth, Path file) {
        if (depth > 10) {
            throw new LauncherException(file + ": property '" + name + "' refers to itself in a loop.");
        }
        Matcher matcher = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String replacement = lookup.apply(variable);
            if (replacement == null) {
                replacement = System.getProperty(variable);
            }
            if (replacement == null) {
                throw new LauncherException(file + ": property '" + name + "' uses ${" + variable + "}, which is not defined.");
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(substitute(variable, replacement, lookup, depth + 1, file)));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
