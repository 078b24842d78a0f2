package io.vigil.gstreamer.internal;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.log.Logger;

/** Keeps every message and argument logged, so tests can prove what never reaches a log. */
final class RecordingLogger {

    final List<String> lines = new CopyOnWriteArrayList<>();

    Logger logger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getName" -> {
                            return "test";
                        }
                        case "isTraceEnabled", "isDebugEnabled", "isInfoEnabled", "isWarnEnabled", "isErrorEnabled" -> {
                            return true;
                        }
                        default -> {
                            lines.add(method.getName() + " " + Arrays.deepToString(args));
                            return null;
                        }
                    }
                });
    }

    String all() {
        return String.join("\n", lines);
    }
}
