package io.vigil.compliance.internal.config;

import io.vigil.api.audit.AuditActions;
import io.vigil.api.audit.AuditException;
import io.vigil.api.audit.AuditTrail;
import java.io.IOException;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Every configuration change, whether a file in deploy/, the shell or a VMS made it, into the audit
 * trail: the PID, what happened and the properties as they now are. Properties whose names say
 * they hold a secret are recorded as set, never with their value (by design secrets live in the
 * secret store, referenced by alias, but an administrator may still put one in a file).
 */
@Component(immediate = true)
public class ConfigurationAuditor implements ConfigurationListener {

    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passphrase|secret|token|private|credential).*");

    private final AuditTrail trail;
    private final ConfigurationAdmin configurations;
    private final Logger logger;
    // Config Admin delivers events on its own thread; the audit write (an fsynced commit) is done
    // on this one so a slow disk never holds Config Admin up
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "vigil-configuration-audit");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public ConfigurationAuditor(@Reference AuditTrail trail, @Reference ConfigurationAdmin configurations,
                                @Reference(service = LoggerFactory.class) Logger logger) {
        this.trail = trail;
        this.configurations = configurations;
        this.logger = logger;
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        String pid = event.getPid();
        String factoryPid = event.getFactoryPid();
        int type = event.getType();
        worker.execute(() -> record(pid, factoryPid, type));
    }

    private void record(String pid, String factoryPid, int type) {
        Map<String, String> details = new TreeMap<>();
        details.put("pid", pid);
        if (factoryPid != null) {
            details.put("factory.pid", factoryPid);
        }
        details.put("event", switch (type) {
            case ConfigurationEvent.CM_DELETED -> "deleted";
            case ConfigurationEvent.CM_LOCATION_CHANGED -> "location-changed";
            default -> "updated";
        });
        if (type == ConfigurationEvent.CM_UPDATED) {
            details.putAll(properties(pid));
        }
        try {
            trail.record(AuditActions.CONFIGURATION_CHANGED, "configuration", details);
        } catch (AuditException e) {
            logger.error("Configuration change of {} could not be audited: {}", pid, e.getMessage());
        }
    }

    private Map<String, String> properties(String pid) {
        Map<String, String> out = new TreeMap<>();
        try {
            Configuration[] found = configurations.listConfigurations("(service.pid=" + pid + ")");
            if (found == null || found.length == 0 || found[0].getProperties() == null) {
                return out;
            }
            Dictionary<String, Object> props = found[0].getProperties();
            for (Enumeration<String> keys = props.keys(); keys.hasMoreElements(); ) {
                String key = keys.nextElement();
                if (key.equals("service.pid") || key.equals("service.factoryPid") || key.startsWith("felix.fileinstall")) {
                    continue;
                }
                out.put("property." + key, redacted(key, props.get(key)));
            }
        } catch (IOException | org.osgi.framework.InvalidSyntaxException e) {
            out.put("properties", "unreadable: " + e.getMessage());
        }
        return out;
    }

    static String redacted(String key, Object value) {
        if (SECRET_NAME.matcher(key).matches() && !key.toLowerCase(Locale.ROOT).endsWith(".alias")) {
            return "(set, not recorded)";
        }
        String text = value instanceof Object[] array ? String.join(",", java.util.Arrays.stream(array).map(String::valueOf).toList())
                : String.valueOf(value);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }
}
