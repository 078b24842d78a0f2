package io.vigil.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The insecure settings {@code vigil doctor} lists, each with its fix. One small class per
 * check; {@link #ALL} is the list doctor runs, in order.
 */
final class SecurityChecks {

    static final String ONVIF_DEVICE_PID = "io.vigil.onvif.device";
    static final String RTSP_SERVER_PID = "io.vigil.gstreamer.rtsp";
    static final String CAMERA_FACTORY_PID = "io.vigil.onvif.camera";

    /** Every check, in the order doctor prints them. Add new checks here. */
    static final List<SecurityCheck> ALL = List.of(
            new PassphraseInDataFolder(),
            new PlainHttpDeviceService(),
            new BroadPushAllowList(),
            new DemoServiceAccounts(),
            new RestreamBasicAllowed(),
            new CameraBasicAllowed());

    private SecurityChecks() {
    }

    static List<SecurityFinding> run(SecuritySettings settings) {
        List<SecurityFinding> findings = new ArrayList<>();
        for (SecurityCheck check : ALL) {
            findings.addAll(check.check(settings));
        }
        return findings;
    }

    /** A generated secret-store passphrase kept beside the keystore it opens. */
    static final class PassphraseInDataFolder implements SecurityCheck {
        @Override
        public List<SecurityFinding> check(SecuritySettings settings) {
            Path file = settings.paths().data().resolve("secrets").resolve("passphrase");
            if (!Files.exists(file)) {
                return List.of();
            }
            return List.of(new SecurityFinding("secrets.passphrase-in-data-folder", file.toString(),
                    "the secret store's passphrase sits beside the keystore it opens: a copy or backup of the data folder"
                            + " gives away every secret (camera and ONVIF passwords, watchlist keys)",
                    "with Vigil stopped: mkdir -p /etc/vigil && mv " + file + " /etc/vigil/secrets.passphrase && chmod 600"
                            + " /etc/vigil/secrets.passphrase (owned by the service user); then set"
                            + " VIGIL_SECRETS_PASSPHRASE_FILE=/etc/vigil/secrets.passphrase in the service's environment"
                            + " (keep it out of the data folder's backups)"));
        }
    }

    /** The ONVIF device service over plain HTTP, where a sniffed login can be cracked offline. */
    static final class PlainHttpDeviceService implements SecurityCheck {
        @Override
        public List<SecurityFinding> check(SecuritySettings settings) {
            return settings.configuration(ONVIF_DEVICE_PID).map(device -> {
                int https = device.first("https.port").map(PlainHttpDeviceService::port).orElse(0);
                boolean http = !device.first("http.enabled").map(v -> v.equalsIgnoreCase("false")).orElse(false);
                if (https == 0) {
                    return List.of(new SecurityFinding("onvif.device.plain-http", device.file() + ": https.port not set",
                            "the VMS logs in to the ONVIF device over plain HTTP: its digests and the recognitions can be"
                                    + " read on the network, and a captured digest guessed offline",
                            "set https.port=8481 in " + device.file() + " (a certificate is generated, or set keystore.path),"
                                    + " point the VMS at https://<vigil host>:8481/onvif/device_service, then set"
                                    + " http.enabled=false"));
                }
                if (http) {
                    return List.of(new SecurityFinding("onvif.device.plain-http", device.file() + ": http.enabled (default true)",
                            "HTTPS is served, but plain HTTP too: a VMS (or an attacker) can still use it",
                            "once every VMS connects over HTTPS, set http.enabled=false in " + device.file()));
                }
                return List.<SecurityFinding>of();
            }).orElse(List.of());
        }

        private static int port(String value) {
            try {
                return Integer.parseInt(value.strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
    }

    /** Push (Subscribe) allowed to whole networks: any host there can be made to receive recognitions. */
    static final class BroadPushAllowList implements SecurityCheck {
        @Override
        public List<SecurityFinding> check(SecuritySettings settings) {
            return settings.configuration(ONVIF_DEVICE_PID).map(device -> {
                List<String> broad = new ArrayList<>();
                for (String value : device.all("push.allow")) {
                    for (String entry : value.split("[,\\s]+")) {
                        if (broad(entry)) {
                            broad.add(entry);
                        }
                    }
                }
                return broad.isEmpty() ? List.<SecurityFinding>of() : List.of(new SecurityFinding("onvif.device.push-allow-broad",
                        device.file() + ": push.allow=" + String.join(",", broad),
                        "any service account can make Vigil POST recognitions to any host in these networks (internal"
                                + " services included)",
                        "list only the VMS's event receivers in push.allow (host names or /32 addresses), or leave it empty"
                                + " and let the VMS use PullPoint"));
            }).orElse(List.of());
        }

        /** Wider than a /24 (IPv4) or a /64 (IPv6). */
        static boolean broad(String entry) {
            int slash = entry.indexOf('/');
            if (slash < 0) {
                return false;
            }
            try {
                int bits = Integer.parseInt(entry.substring(slash + 1));
                return bits < (entry.contains(":") ? 64 : 24);
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    /** The demo's ONVIF service account still configured (its password is in this data folder's secret store). */
    static final class DemoServiceAccounts implements SecurityCheck {
        @Override
        public List<SecurityFinding> check(SecuritySettings settings) {
            return settings.configuration(ONVIF_DEVICE_PID).map(device -> {
                List<SecurityFinding> findings = new ArrayList<>();
                for (String value : device.all("accounts")) {
                    String account = value.strip();
                    if (account.toLowerCase(Locale.ROOT).startsWith("demo") || account.toLowerCase(Locale.ROOT).contains("=demo.")) {
                        findings.add(new SecurityFinding("onvif.device.demo-account", device.file() + ": accounts=" + account,
                                "a demo service account logs in to the ONVIF device in production",
                                "remove it from accounts in " + device.file() + ", give each VMS its own account with a long"
                                        + " random password (vigil secret set ALIAS), and run vigil secret remove for the demo's alias"));
                    }
                }
                return findings;
            }).orElse(List.of());
        }
    }

    /** The restream and metadata stream accepting RTSP Basic: the service account's password in clear on the network. */
    static final class RestreamBasicAllowed implements SecurityCheck {
        @Override
        public List<SecurityFinding> check(SecuritySettings settings) {
            return settings.configuration(RTSP_SERVER_PID)
                    .filter(rtsp -> rtsp.first("allow.basic").map(v -> v.strip().equalsIgnoreCase("true")
                            || v.strip().equalsIgnoreCase("B\"true\"")).orElse(false))
                    .map(rtsp -> List.of(new SecurityFinding("rtsp.server.basic-allowed", rtsp.file() + ": allow.basic=true",
                            "VMS logins to the restream and metadata stream may travel as RTSP Basic: the ONVIF service"
                                    + " account's password in clear on the network",
                            "set the VMS's RTSP authentication to Digest, then remove allow.basic from " + rtsp.file())))
                    .orElse(List.of());
        }
    }

    /** A camera allowed to receive its password as RTSP Basic over plain RTSP. */
    static final class CameraBasicAllowed implements SecurityCheck {
        @Override
        public List<SecurityFinding> check(SecuritySettings settings) {
            List<SecurityFinding> findings = new ArrayList<>();
            for (SecuritySettings.Configuration camera : settings.factoryConfigurations(CAMERA_FACTORY_PID)) {
                boolean basic = camera.first("rtsp.allow.basic").map(v -> v.strip().equalsIgnoreCase("true")
                        || v.strip().equalsIgnoreCase("B\"true\"")).orElse(false);
                if (basic) {
                    findings.add(new SecurityFinding("camera.rtsp-basic-allowed", camera.file() + ": rtsp.allow.basic=true",
                            "the camera's password may go to it as RTSP Basic over plain RTSP, in clear on the network",
                            "set the camera's RTSP authentication to Digest (or use rtsps://), then remove rtsp.allow.basic"
                                    + " from " + camera.file()));
                }
            }
            return findings;
        }
    }
}
