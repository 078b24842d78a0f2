package io.vigil.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 19.10: the console's upload settings keep a whole upload in memory. Jetty writes a part
 * larger than {@code fileSizeThreshold} to its temporary folder in clear; the threshold was 1 MiB
 * while photos of up to the upload limit are accepted.
 */
class MultipartSettingsTest {

    @Test
    void nothingUpToTheUploadLimitIsWrittenToDisk() {
        long limit = 8L * 1024 * 1024;
        Map<String, Object> m = ConsoleComponent.multipart(limit);
        assertEquals(Boolean.TRUE, m.get("osgi.http.whiteboard.servlet.multipart.enabled"));
        assertEquals(limit, m.get("osgi.http.whiteboard.servlet.multipart.maxFileSize"));
        long maxRequest = (Long) m.get("osgi.http.whiteboard.servlet.multipart.maxRequestSize");
        int threshold = (Integer) m.get("osgi.http.whiteboard.servlet.multipart.fileSizeThreshold");
        assertTrue(threshold > maxRequest, "threshold " + threshold + " must exceed the largest request " + maxRequest);
    }
}
