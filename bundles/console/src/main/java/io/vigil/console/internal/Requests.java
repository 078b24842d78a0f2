package io.vigil.console.internal;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/** What the console reads from a request: cookies, form fields, the path inside the console. */
final class Requests {

    private Requests() {
    }

    /** The path under {@code /console}: {@code /} for the console itself, {@code /alerts/A-1} for an alert. */
    static String consolePath(HttpServletRequest req) {
        String uri = req.getRequestURI().substring(req.getContextPath().length());
        String rest = uri.startsWith("/console") ? uri.substring("/console".length()) : uri;
        return rest.isEmpty() ? "/" : rest;
    }

    static String cookie(HttpServletRequest req, String name) {
        Cookie[] cookies = req.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie c : cookies) {
            if (c.getName().equals(name)) {
                return c.getValue();
            }
        }
        return null;
    }

    /**
     * A form field, also from a multipart form (the upload), whose plain fields the container does
     * not always offer as parameters.
     */
    static Optional<String> field(HttpServletRequest req, String name) throws IOException {
        String v;
        try {
            v = req.getParameter(name);
        } catch (IllegalStateException | IllegalArgumentException tooLarge) {
            // a multipart body over the upload limit: nothing of it is read, so no token either
            return Optional.empty();
        }
        if (v != null) {
            return Optional.of(v);
        }
        String type = req.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            return Optional.empty();
        }
        try {
            Part part = req.getPart(name);
            if (part == null || part.getSize() > 4096) {
                return Optional.empty();
            }
            try (InputStream in = part.getInputStream()) {
                return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (ServletException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
