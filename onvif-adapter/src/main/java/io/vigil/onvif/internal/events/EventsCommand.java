package io.vigil.onvif.internal.events;

import io.vigil.api.admin.AdminCommand;
import io.vigil.support.args.ArgumentException;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import io.vigil.onvif.security.Credentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vigil events --follow}: an ONVIF event client in the container (see {@link EventFollower}).
 * By default it follows Vigil's own device service on the container's HTTP port with the first
 * service account of {@code io.vigil.onvif.device}, so an administrator sees exactly what a VMS
 * receives; the password comes from the secret store and is never printed.
 */
@Component(property = {
        AdminCommand.NAME + "=events",
        AdminCommand.SUMMARY + "=--follow: subscribe to an ONVIF device's events (default: Vigil's own) and print each one"})
public class EventsCommand implements AdminCommand {

    static final String DEVICE_PID = "io.vigil.onvif.device";

    private final SecretStore secrets;
    private final ConfigurationAdmin configurations;
    private final BundleContext context;

    @Activate
    public EventsCommand(@Reference SecretStore secrets, @Reference ConfigurationAdmin configurations, BundleContext context) {
        this.secrets = secrets;
        this.configurations = configurations;
        this.context = context;
    }

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        EventsRequest request;
        try {
            request = EventsRequest.parse(args);
        } catch (ArgumentException e) {
            e.print(err);
            return USAGE;
        }
        Optional<String> user = request.user();
        Optional<String> alias = request.passwordAlias();
        URI device;
        if (request.device().isPresent()) {
            device = request.device().get();
        } else {
            Optional<String[]> account;
            try {
                account = firstAccount();
            } catch (IOException | InvalidSyntaxException e) {
                err.println("vigil events: cannot read " + DEVICE_PID + ": " + e.getMessage());
                return PROBLEM;
            }
            if (account.isEmpty()) {
                err.println("vigil events: Vigil's ONVIF device is off or has no service account (conf/" + DEVICE_PID
                        + ".cfg, accounts=user=alias); give --device URL --user USER --password-alias ALIAS for another device");
                return PROBLEM;
            }
            if (user.isEmpty()) {
                user = Optional.of(account.get()[0]);
                alias = Optional.of(account.get()[1]);
            }
            device = ownDevice();
        }
        Optional<Credentials> credentials = Optional.empty();
        String login = "nobody (no credentials)";
        if (user.isPresent()) {
            try {
                Optional<char[]> password = secrets.password(alias.orElseThrow());
                if (password.isEmpty()) {
                    err.println("vigil events: no secret '" + alias.get() + "' in the secret store (vigil secret set "
                            + alias.get() + ")");
                    return PROBLEM;
                }
                credentials = Optional.of(new Credentials(user.get(), password.get()));
                Arrays.fill(password.get(), '\0');
            } catch (SecretStoreException e) {
                err.println("vigil events: the secret store is not available: " + e.getMessage());
                return PROBLEM;
            }
            login = "user '" + user.get() + "' (password alias " + alias.get() + ")";
        }
        try {
            return new EventFollower(new EventFollower.Settings(device, credentials, login, request.topic(), request.count(),
                    request.timeout()), Clock.systemUTC()).follow(out, err);
        } finally {
            credentials.ifPresent(Credentials::destroy);
        }
    }

    /** The first {@code user=alias} of the device's {@code accounts} (a .cfg gives a string, a .config a list). */
    private Optional<String[]> firstAccount() throws IOException, InvalidSyntaxException {
        Configuration[] found = configurations.listConfigurations("(service.pid=" + DEVICE_PID + ")");
        if (found == null || found.length == 0 || found[0].getProperties() == null) {
            return Optional.empty();
        }
        Dictionary<String, Object> properties = found[0].getProperties();
        Object accounts = properties.get("accounts");
        List<String> entries = accounts instanceof String[] array ? List.of(array)
                : accounts instanceof java.util.Collection<?> collection ? collection.stream().map(String::valueOf).toList()
                : accounts == null ? List.of() : List.of(String.valueOf(accounts).split(","));
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals > 0 && equals < entry.length() - 1) {
                return Optional.of(new String[] {entry.substring(0, equals).strip(), entry.substring(equals + 1).strip()});
            }
        }
        return Optional.empty();
    }

    /** The device service on the container's HTTP port, at the address the container listens on (loopback when it is all of them). */
    private URI ownDevice() {
        String port = Optional.ofNullable(context.getProperty("org.osgi.service.http.port")).orElse("8080").strip();
        String host = Optional.ofNullable(context.getProperty("org.apache.felix.http.host")).map(String::strip).orElse("");
        try {
            if (host.isEmpty() || InetAddress.getByName(host).isAnyLocalAddress()) {
                host = "127.0.0.1";
            }
        } catch (IOException e) {
            // a host name that does not resolve here: the connection will say so
        }
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/onvif/device_service");
    }
}
