package io.vigil.onvif.internal.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The device's defaults as an administrator gets them without writing them (the metatype
 * defaults of {@link OnvifDeviceComponent.Config}): the safe ones, and the MotionAlarm pulse that
 * clients without a recognition parser depend on (issue 17 item 7).
 */
class DeviceDefaultsTest {

    private static Object defaultOf(String attribute) throws Exception {
        Method method = OnvifDeviceComponent.Config.class.getMethod(attribute);
        return method.getDefaultValue();
    }

    @Test
    void theDefaultsKeepTheMotionPulseAndRefusePushAndShareNoSlotsUnevenly() throws Exception {
        assertTrue((Long) defaultOf("alarm_pulse_ms") > 0, "the MotionAlarm pulse is on by default");
        assertArrayEquals(new String[0], (String[]) defaultOf("push_allow"), "push refused until consumers are allowed");
        assertTrue((Integer) defaultOf("max_subscriptions_per_account") < (Integer) defaultOf("max_subscriptions"),
                "one account cannot take every slot");
        assertEquals("", defaultOf("external_address"), "addresses from the local address, never the Host header");
        assertEquals(0, defaultOf("https_port"));
    }

    @Test
    void anExternalAddressMustBeSchemeHostAndPortOnly() {
        java.util.function.Function<String, DeviceRuntime.Protection> with = address -> OnvifDeviceComponent.protection(
                config(Map.of("external_address", address)));
        assertEquals("https://vigil.example.org:8481", with.apply("https://vigil.example.org:8481/").externalAddress().orElseThrow()
                .toString());
        for (String bad : new String[] {"vigil.example.org", "ftp://vigil.example.org", "https://vigil.example.org/onvif"}) {
            assertThrows(IllegalArgumentException.class, () -> with.apply(bad), bad);
        }
    }

    /** The component's configuration with a few values given and every other at its default, as Config Admin hands it over. */
    private static OnvifDeviceComponent.Config config(Map<String, Object> given) {
        return (OnvifDeviceComponent.Config) java.lang.reflect.Proxy.newProxyInstance(DeviceDefaultsTest.class.getClassLoader(),
                new Class<?>[] {OnvifDeviceComponent.Config.class},
                (proxy, method, args) -> given.containsKey(method.getName()) ? given.get(method.getName()) : method.getDefaultValue());
    }
}
