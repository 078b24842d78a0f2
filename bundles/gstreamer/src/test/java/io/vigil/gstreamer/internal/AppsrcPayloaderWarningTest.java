package io.vigil.gstreamer.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Only the appsrc payloader's missing "pt" is dropped; GLib's other warnings still reach the output. */
class AppsrcPayloaderWarningTest {

    @Test
    void onlyTheAppsrcPtWarningIsDropped() {
        assertTrue(AppsrcPayloaderWarning.isThePtWarning(
                "g_object_get_is_valid_property: object class 'GstAppSrc' has no property named 'pt'"));
        assertFalse(AppsrcPayloaderWarning.isThePtWarning(
                "g_object_get_is_valid_property: object class 'GstAppSrc' has no property named 'mtu'"));
        assertFalse(AppsrcPayloaderWarning.isThePtWarning(
                "g_object_set_is_valid_property: object class 'GstRtpH264Pay' has no property named 'pt'"));
        assertFalse(AppsrcPayloaderWarning.isThePtWarning("invalid unclassed pointer in cast to 'GstElement'"));
        assertFalse(AppsrcPayloaderWarning.isThePtWarning(null));
    }
}
