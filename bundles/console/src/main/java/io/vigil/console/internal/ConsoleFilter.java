package io.vigil.console.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * In front of every console servlet (Servlet Whiteboard filter on {@code /console/*}), so no
 * servlet can forget it: the security headers on every answer, errors included; plain HTTP sent
 * to HTTPS (a GET redirected, anything else refused); every page but the login and the static
 * files needs a session; every POST with a session needs the session's CSRF token. The servlets
 * find the session as the request attribute {@link #SESSION}.
 */
final class ConsoleFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    static final String SESSION = "io.vigil.console.session";
    static final String SESSION_COOKIE = "__Host-vigil-session";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self';"
            + " form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final transient Sessions sessions;
    private final String httpsHost;
    private final int httpsPort;

    ConsoleFilter(Sessions sessions, String httpsHost, int httpsPort) {
        this.sessions = sessions;
        this.httpsHost = httpsHost;
        this.httpsPort = httpsPort;
    }

    /** The session the filter found; only called by servlets behind it, on paths that need one. */
    static Sessions.Session session(HttpServletRequest req) {
        Object s = req.getAttribute(SESSION);
        if (!(s instanceof Sessions.Session session)) {
            throw new IllegalStateException("no console session on " + req.getRequestURI() + ": is the console filter registered?");
        }
        return session;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse resp, FilterChain chain) throws IOException, ServletException {
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (!req.isSecure()) {
            if ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod())) {
                String host = httpsHost.equals("0.0.0.0") || httpsHost.isBlank() ? req.getServerName() : httpsHost;
                String query = req.getQueryString() == null ? "" : "?" + req.getQueryString();
                resp.setHeader("Location", "https://" + host + ":" + httpsPort + req.getRequestURI() + query);
                resp.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            } else {
                resp.sendError(HttpServletResponse.SC_FORBIDDEN, "The console answers over HTTPS only");
            }
            return;
        }
        resp.setHeader("Strict-Transport-Security", "max-age=31536000");
        String path = Requests.consolePath(req);
        if (path.equals("/login") || path.startsWith("/static/")) {
            chain.doFilter(req, resp);
            return;
        }
        Optional<Sessions.Session> found = sessions.find(Requests.cookie(req, SESSION_COOKIE));
        if (found.isEmpty()) {
            if ("GET".equals(req.getMethod())) {
                Responses.redirect(resp, "/console/login");
            } else {
                resp.sendError(HttpServletResponse.SC_UNAUTHORIZED, "Your session ended: log in again");
            }
            return;
        }
        Sessions.Session s = found.get();
        if ("POST".equals(req.getMethod()) && !s.csrfMatches(Requests.field(req, "csrf").orElse(null))) {
            resp.sendError(HttpServletResponse.SC_FORBIDDEN, "The form was not sent from this session's page (CSRF check)");
            return;
        }
        req.setAttribute(SESSION, s);
        chain.doFilter(req, resp);
    }
}
