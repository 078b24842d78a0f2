package io.vigil.testing;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.log.Logger;

/**
 * An OSGi {@link Logger} for unit tests: keeps every message and argument logged ("info [text,
 * arg]"), so a test can show what a component reported and what never reached a log; or, from
 * {@link #quiet()}, drops everything. The container tests use the real log.
 */
public final class RecordingLogger {

    /** What was logged, in order; safe to read while components log from their own threads. */
    public final List<String> lines = new CopyOnWriteArrayList<>();

    public Logger logger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> "test";
                    case "isTraceEnabled", "isDebugEnabled", "isInfoEnabled", "isWarnEnabled", "isErrorEnabled" -> true;
                    case "toString", "hashCode", "equals" -> objectMethod(proxy, method.getName(), args, "recording logger");
                    default -> {
                        lines.add(method.getName() + " " + Arrays.deepToString(args));
                        yield null;
                    }
                });
    }

    /** Every line, one per line. */
    public String all() {
        return String.join("\n", lines);
    }

    /** A logger that keeps nothing and says every level is off. */
    public static Logger quiet() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getName" -> "test";
                    case "toString", "hashCode", "equals" -> objectMethod(proxy, method.getName(), args, "quiet logger");
                    default -> method.getReturnType() == boolean.class ? false : null;
                });
    }

    /** A proxy's Object methods, so a logger can be printed or kept in a set. */
    private static Object objectMethod(Object proxy, String name, Object[] args, String description) {
        return switch (name) {
            case "toString" -> description;
            case "hashCode" -> System.identityHashCode(proxy);
            default -> proxy == args[0];
        };
    }
}
