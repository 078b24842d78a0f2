package io.vigil.console.internal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/** The console's style sheet and script ({@code /console/static/*}), the only files served without a session. */
final class StaticServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String[] PATTERNS = {"/console/static/*"};

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String name = Requests.consolePath(req).substring("/static/".length());
        if (!name.equals("console.css") && !name.equals("console.js")) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        try (InputStream in = StaticServlet.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                resp.sendError(HttpServletResponse.SC_NOT_FOUND);
                return;
            }
            byte[] bytes = in.readAllBytes();
            resp.setHeader("Cache-Control", "max-age=300");
            resp.setContentType(name.endsWith(".css") ? "text/css;charset=utf-8" : "text/javascript;charset=utf-8");
            Responses.bytes(resp, bytes);
        }
    }
}
