package io.vigil.onvif.internal.events;

import io.vigil.support.args.ArgumentException;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The words of {@code vigil events --follow [--device URL] [--user U] [--password-alias A]
 * [--topic T] [--count N] [--timeout S]}, checked. A password is never a word: only the alias
 * of one in the secret store.
 *
 * @param device        empty: Vigil's own device service
 * @param user          empty: the first service account of Vigil's device (own device), or no login (--device)
 * @param passwordAlias goes with {@code user}
 * @param topic         a topic expression ({@code tns1:RuleEngine/Recognition/Face}); empty: every topic
 */
record EventsRequest(Optional<URI> device, Optional<String> user, Optional<String> passwordAlias, Optional<String> topic,
        OptionalInt count, Optional<Duration> timeout) {

    static final String USAGE = """
            usage: vigil events --follow [--device URL] [--user USER --password-alias ALIAS] [--topic TOPIC]
                                         [--count N] [--timeout SECONDS]
              Subscribes by PullPoint to an ONVIF device (default: Vigil's own device service, with its
              first service account) and prints each notification on one line until Ctrl-C, --count
              notifications or --timeout seconds; unsubscribes on exit.
              TOPIC: for example tns1:RuleEngine/Recognition/Face (tns1: may be left out).""";

    private static final CommandLineSpec SPEC = CommandLineSpec.of("vigil events", USAGE)
            .flag("--follow").option("--device").option("--user").option("--password-alias").option("--topic")
            .option("--count").option("--timeout");

    /** @throws ArgumentException what is wrong, for the usage message */
    static EventsRequest parse(List<String> args) {
        if (args.stream().anyMatch(a -> a.equals("--password") || a.startsWith("--password="))) {
            throw SPEC.error("a password is never a command-line argument: store it with `vigil secret set ALIAS` and give"
                    + " --password-alias ALIAS");
        }
        CommandLine line = SPEC.parse(args);
        if (!line.has("--follow")) {
            throw line.error("--follow is required (events are followed as they come; there is no history)");
        }
        Optional<String> user = line.value("--user");
        Optional<String> alias = line.value("--password-alias");
        if (user.isPresent() != alias.isPresent()) {
            throw line.error("--user and --password-alias go together");
        }
        try {
            Optional<Duration> timeout = line.value("--timeout").map(t -> Duration.ofSeconds(positive(t, "--timeout")));
            OptionalInt count = line.value("--count").map(c -> OptionalInt.of(positive(c, "--count"))).orElse(OptionalInt.empty());
            return new EventsRequest(line.value("--device").map(EventsRequest::deviceUri), user, alias,
                    line.value("--topic").map(EventsRequest::topic), count, timeout);
        } catch (IllegalArgumentException e) {
            // what the value means, said by the checks below
            throw line.error(e.getMessage());
        }
    }

    private static URI deviceUri(String text) {
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--device is not a URL: " + text);
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("--device must be an http(s) device service address, such as"
                    + " http://10.1.2.3/onvif/device_service: " + text);
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("--device must not carry a user or password; use --user and --password-alias");
        }
        return uri;
    }

    /** {@code RuleEngine/Recognition/Face} means the ONVIF topic: tns1: is added. */
    private static String topic(String text) {
        String topic = text.strip();
        if (topic.isEmpty() || topic.startsWith(":")) {
            throw new IllegalArgumentException("--topic is a topic expression such as tns1:RuleEngine/Recognition/Face: " + text);
        }
        return topic.contains(":") ? topic : "tns1:" + topic;
    }

    private static int positive(String text, String option) {
        try {
            int value = Integer.parseInt(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(option + " must be a whole number above 0: " + text);
    }
}
