package io.vigil.onvif.internal.events;

import io.vigil.onvif.internal.client.DeviceClient;
import io.vigil.onvif.message.NotificationMessage;
import io.vigil.onvif.message.PullMessagesRequest;
import io.vigil.onvif.message.PullMessagesResponse;
import io.vigil.onvif.message.PullPointSubscription;
import io.vigil.onvif.message.PullPointSubscriptionRequest;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.soap.NotAuthorizedException;
import io.vigil.onvif.soap.OnvifException;
import io.vigil.onvif.transport.ClientAuthentication;
import io.vigil.onvif.transport.SoapClient;
import io.vigil.onvif.transport.SoapClientOptions;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Follows an ONVIF device's events as a VMS does, through Vigil's own camera-side client
 * ({@link DeviceClient} over {@link SoapClient}, WS-Security UsernameToken after learning the
 * device's clock): CreatePullPointSubscription at the device's Event service, then PullMessages
 * long polls, each notification printed as an {@link EventLine}, until the count is reached, the
 * time is up, the caller went away (its output fails, or the thread is interrupted: the admin
 * channel interrupts a command whose caller hung up) or the device fails. Unsubscribes on every
 * way out, so the device does not keep queueing for nobody.
 */
final class EventFollower {

    /** How long one pull waits at the device: short enough to notice a caller gone or the time up within seconds. */
    static final Duration PULL_WAIT = Duration.ofSeconds(5);
    /** The subscription's life; every pull extends it, so it ends soon after the follower stops pulling. */
    static final Duration INITIAL_TERMINATION = Duration.ofSeconds(60);

    /**
     * @param device      the device service address
     * @param credentials the login; empty: none (a device that allows anonymous events)
     * @param login       what to call the login in messages (user and where its password came from)
     */
    record Settings(URI device, Optional<Credentials> credentials, String login, Optional<String> topic, OptionalInt count,
            Optional<Duration> timeout) {
        Settings {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(credentials, "credentials");
        }
    }

    private final Settings settings;
    private final Clock clock;

    EventFollower(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** @return 0 when it ended as asked (count, timeout without a count, caller gone); 3 on a failure or a count not reached */
    int follow(PrintStream out, PrintStream err) {
        SoapClient soap = new SoapClient(SoapClientOptions.DEFAULTS.withRequestTimeout(PULL_WAIT.plusSeconds(10)));
        ClientAuthentication auth = settings.credentials().map(ClientAuthentication::of).orElseGet(ClientAuthentication::none);
        DeviceClient device = new DeviceClient(soap, settings.device(), auth, clock);
        Instant deadline = settings.timeout().map(clock.instant()::plus).orElse(Instant.MAX);
        PullPointSubscription subscription;
        try {
            device.synchroniseClock();
            subscription = device.createPullPoint(device.eventService(),
                    new PullPointSubscriptionRequest(settings.topic(), Optional.of(INITIAL_TERMINATION)));
        } catch (NotAuthorizedException e) {
            err.println("vigil events: the device at " + settings.device() + " refused the login " + settings.login()
                    + "; check the user name and the password in the secret store. (" + e.getMessage() + ")");
            return 3;
        } catch (OnvifException e) {
            err.println("vigil events: cannot subscribe at " + settings.device() + ": " + e.getMessage());
            return 3;
        }
        out.println("following " + settings.device() + " as " + settings.login() + ", topic "
                + settings.topic().orElse("(all)") + ", PullPoint " + subscription.address() + " (Ctrl-C stops)");
        int received = 0;
        int status = 0;
        String end = null;
        try {
            while (end == null) {
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    end = "--timeout reached";
                    if (settings.count().isPresent()) {
                        err.println("vigil events: " + received + " of " + settings.count().getAsInt() + " notification(s) within "
                                + settings.timeout().orElseThrow().toSeconds() + " s");
                        status = 3;
                    }
                    break;
                }
                Duration wait = left.compareTo(PULL_WAIT) < 0 ? left : PULL_WAIT;
                PullMessagesResponse pulled = device.pullMessages(subscription.address(),
                        new PullMessagesRequest(Duration.ofMillis(Math.max(wait.toMillis(), 1)), 10));
                Instant now = clock.instant();
                for (NotificationMessage message : pulled.messages()) {
                    out.println(EventLine.format(message, now));
                    received++;
                    if (settings.count().isPresent() && received >= settings.count().getAsInt()) {
                        end = "--count reached";
                        break;
                    }
                }
                if (end == null && (out.checkError() || Thread.currentThread().isInterrupted())) {
                    end = "the caller went away";
                }
            }
        } catch (OnvifException e) {
            if (Thread.currentThread().isInterrupted()) {
                end = "the caller went away";
            } else {
                err.println("vigil events: following " + subscription.address() + " failed: " + e.getMessage());
                end = "failed";
                status = 3;
            }
        } finally {
            // a pending interrupt would make the Unsubscribe fail at once; it has served its purpose
            boolean interrupted = Thread.interrupted();
            try {
                device.unsubscribe(subscription.address());
                out.println("unsubscribed after " + received + " notification(s): " + (end == null ? "stopped" : end));
            } catch (OnvifException e) {
                err.println("vigil events: Unsubscribe failed (the device drops the PullPoint within "
                        + INITIAL_TERMINATION.toSeconds() + " s by itself): " + e.getMessage());
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return status;
    }
}
