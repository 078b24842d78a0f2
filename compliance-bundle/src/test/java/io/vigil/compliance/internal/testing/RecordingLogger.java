package io.vigil.compliance.internal.testing;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.osgi.service.log.Logger;

/** Keeps every message logged, so tests can see what a component reported. */
public final class RecordingLogger {

    public final List<String> lines = new ArrayList<>();

    public Logger logger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> "test";
                    case "isTraceEnabled", "isDebugEnabled", "isInfoEnabled", "isWarnEnabled", "isErrorEnabled" -> true;
                    default -> {
                        synchronized (lines) {
                            lines.add(method.getName() + " " + Arrays.deepToString(args));
                        }
                        yield null;
                    }
                });
    }
}
