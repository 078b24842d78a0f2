package io.vigil.console.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Watchlists (create, enrol by upload, delete) and deployments: {@link WatchlistPages}. */
final class WatchlistServlet extends AreaServlet {

    private static final long serialVersionUID = 1L;
    static final String[] PATTERNS = {"/console/watchlists", "/console/watchlists/*", "/console/deployments"};
    private final transient WatchlistPages pages;

    WatchlistServlet(WatchlistPages pages) {
        super(Role::seesWatchlists);
        this.pages = pages;
    }

    @Override
    void handle(Sessions.Session s, String path, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (path.equals("/deployments")) {
            pages.deploymentsPage(s, resp);
        } else {
            pages.handle(s, path, req, resp);
        }
    }
}
