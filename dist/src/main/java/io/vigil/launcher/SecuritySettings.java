package io.vigil.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What the security checks read: the installation's folders and the configurations an
 * administrator wrote ({@code conf/} and {@code deploy/}, {@code .cfg} or {@code .config}), read
 * as files, so that {@code vigil doctor} works whether or not the container runs. Values are
 * lists: a {@code .config} array gives several, a {@code .cfg} value one.
 */
final class SecuritySettings {

    private final VigilPaths paths;

    SecuritySettings(VigilPaths paths) {
        this.paths = paths;
    }

    VigilPaths paths() {
        return paths;
    }

    /**
     * The configuration {@code pid} as written in {@code deploy/} or else {@code conf/}; empty
     * when neither holds it (the component is then off or at its defaults).
     */
    Optional<Configuration> configuration(String pid) {
        for (Path dir : List.of(paths.deploy(), paths.conf())) {
            for (String suffix : List.of(".cfg", ".config")) {
                Path file = dir.resolve(pid + suffix);
                if (Files.isRegularFile(file)) {
                    try {
                        return Optional.of(new Configuration(file, suffix.equals(".cfg") ? cfg(file) : config(file)));
                    } catch (IOException e) {
                        return Optional.of(new Configuration(file, Map.of()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every factory configuration of {@code factoryPid} written in {@code deploy/} or {@code conf/}
     * (fileinstall's {@code <factoryPid>-<name>.cfg} or {@code .config}), in file-name order.
     */
    List<Configuration> factoryConfigurations(String factoryPid) {
        List<Configuration> found = new ArrayList<>();
        for (Path dir : List.of(paths.deploy(), paths.conf())) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    String name = file.getFileName().toString();
                    boolean cfg = name.endsWith(".cfg");
                    if (!name.startsWith(factoryPid + "-") || !(cfg || name.endsWith(".config")) || !Files.isRegularFile(file)) {
                        continue;
                    }
                    try {
                        found.add(new Configuration(file, cfg ? cfg(file) : config(file)));
                    } catch (IOException e) {
                        found.add(new Configuration(file, Map.of()));
                    }
                }
            } catch (IOException e) {
                // an unreadable folder holds nothing doctor can judge; its other checks say so
            }
        }
        return found;
    }

    /** A configuration file's values, by key. */
    record Configuration(Path file, Map<String, List<String>> values) {

        List<String> all(String key) {
            return values.getOrDefault(key, List.of());
        }

        Optional<String> first(String key) {
            return all(key).stream().filter(value -> !value.isBlank()).findFirst();
        }
    }

    private static Map<String, List<String>> cfg(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, List.of(properties.getProperty(key).strip())));
        return values;
    }

    /** Felix's typed format: {@code key=["a","b"]}, {@code key="a"}, {@code key=I"8481"}, {@code key=B"false"}. */
    private static Map<String, List<String>> config(Path file) throws IOException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String text = line.strip();
            int equals = text.indexOf('=');
            if (text.isEmpty() || text.startsWith("#") || equals <= 0) {
                continue;
            }
            String key = text.substring(0, equals).strip();
            String value = text.substring(equals + 1).strip();
            if (value.length() > 1 && Character.isLetter(value.charAt(0)) && (value.charAt(1) == '"' || value.charAt(1) == '[')) {
                value = value.substring(1);
            }
            List<String> items = new ArrayList<>();
            if (value.startsWith("[")) {
                java.util.regex.Matcher quoted = java.util.regex.Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(value);
                while (quoted.find()) {
                    items.add(quoted.group(1).replace("\\\"", "\"").replace("\\\\", "\\"));
                }
            } else {
                items.add(value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
                        ? value.substring(1, value.length() - 1) : value);
            }
            values.put(key, items);
        }
        return values;
    }
}
