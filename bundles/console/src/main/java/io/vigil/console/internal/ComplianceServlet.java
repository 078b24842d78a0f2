package io.vigil.console.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The compliance page, the audit verification and the filing export: {@link CompliancePages}. */
final class ComplianceServlet extends AreaServlet {

    private static final long serialVersionUID = 1L;
    static final String[] PATTERNS = {"/console/compliance", "/console/compliance/*"};
    private final transient CompliancePages pages;

    ComplianceServlet(CompliancePages pages) {
        super(Role::seesCompliance);
        this.pages = pages;
    }

    @Override
    void handle(Sessions.Session s, String path, HttpServletRequest req, HttpServletResponse resp)
            throws IOException, ConsoleException {
        pages.handle(s, path, req, resp);
    }
}
