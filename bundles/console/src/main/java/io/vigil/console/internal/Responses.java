package io.vigil.console.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** What the console's servlets answer with: pages, redirects, images, the refusal of a role. */
final class Responses {

    private Responses() {
    }

    /**
     * The "not allowed" page when {@code allowed} is false (the caller then stops); the role, not
     * the session, is what is missing, so this is a page with navigation rather than an error.
     */
    static boolean forbidden(Sessions.Session s, boolean allowed, HttpServletResponse resp) throws IOException {
        if (allowed) {
            return false;
        }
        html(resp, HttpServletResponse.SC_FORBIDDEN, Html.page("Not allowed", Optional.of(s), "", Optional.empty(),
                Html.errorMessage("Your role (" + s.role.word + ") does not allow this page.")));
        return true;
    }

    static void redirect(HttpServletResponse resp, String to) {
        resp.setStatus(HttpServletResponse.SC_SEE_OTHER);
        resp.setHeader("Location", to);
    }

    static void html(HttpServletResponse resp, int status, String page) throws IOException {
        resp.setStatus(status);
        resp.setContentType("text/html;charset=utf-8");
        bytes(resp, page.getBytes(StandardCharsets.UTF_8));
    }

    static void json(HttpServletResponse resp, String json) throws IOException {
        resp.setContentType("application/json;charset=utf-8");
        bytes(resp, json.getBytes(StandardCharsets.UTF_8));
    }

    static void image(HttpServletResponse resp, byte[] bytes) throws IOException {
        boolean png = bytes.length > 4 && (bytes[0] & 0xff) == 0x89 && bytes[1] == 'P';
        resp.setContentType(png ? "image/png" : "image/jpeg");
        bytes(resp, bytes);
    }

    static void bytes(HttpServletResponse resp, byte[] bytes) throws IOException {
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
