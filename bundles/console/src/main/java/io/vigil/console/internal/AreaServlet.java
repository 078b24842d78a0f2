package io.vigil.console.internal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.Predicate;

/**
 * One area of the console (alerts, watchlists, compliance, status) behind {@link ConsoleFilter}:
 * the session comes from the filter, the area's role check is made here once for all its pages,
 * and a service that failed (the audit trail, a store) answers 503 with its reason.
 */
abstract class AreaServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private final transient Predicate<Role> allowed;

    AreaServlet(Predicate<Role> allowed) {
        this.allowed = allowed;
    }

    @Override
    protected final void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Sessions.Session s = ConsoleFilter.session(req);
        if (Responses.forbidden(s, allowed.test(s.role), resp)) {
            return;
        }
        try {
            handle(s, Requests.consolePath(req), req, resp);
        } catch (ConsoleException e) {
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    /** A request of a person whose role may see this area; {@code path} is under {@code /console}. */
    abstract void handle(Sessions.Session s, String path, HttpServletRequest req, HttpServletResponse resp)
            throws IOException, ConsoleException;
}
