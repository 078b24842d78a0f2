package io.vigil.console.internal;

import io.vigil.api.audit.AuditActions;
import io.vigil.api.audit.AuditTrail;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Logging in ({@code /console/login}, no session needed: {@link ConsoleFilter} lets it through,
 * and its form carries a CSRF token bound to a cookie instead) and out ({@code /console/logout},
 * a POST with the session's token, which the filter checked). Each login, refused or not, is in
 * the audit trail before a session exists.
 */
final class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String[] PATTERNS = {"/console/login", "/console/logout"};
    static final String LOGIN_COOKIE = "__Host-vigil-login";

    /**
     * The one answer to a refused login, whether the name is unknown, the password wrong or the
     * account locked: a different answer for a locked account would tell a guesser the name exists.
     * The audit trail records which it was.
     */
    static final String REFUSED = "Wrong user name or password, or the account is locked after repeated wrong passwords"
            + " (an administrator can unlock it).";

    private final transient UserStore users;
    private final transient Sessions sessions;
    private final transient AuditTrail audit;
    private final transient LoginRateLimit rateLimit;
    private final transient Template form = Template.load("login");

    LoginServlet(UserStore users, Sessions sessions, AuditTrail audit, LoginRateLimit rateLimit) {
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
        this.rateLimit = rateLimit;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        boolean post = "POST".equals(req.getMethod());
        try {
            if (Requests.consolePath(req).equals("/logout")) {
                if (post) {
                    logout(ConsoleFilter.session(req), resp);
                } else {
                    resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                }
            } else if (post) {
                login(req, resp);
            } else {
                loginPage(resp, Optional.empty(), "", HttpServletResponse.SC_OK);
            }
        } catch (ConsoleException e) {
            resp.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, e.getMessage());
        }
    }

    private void loginPage(HttpServletResponse resp, Optional<String> error, String name, int status) throws IOException {
        String token = Sessions.Csrf.token();
        resp.addHeader("Set-Cookie", LOGIN_COOKIE + "=" + token + "; Path=/; Secure; HttpOnly; SameSite=Strict");
        Template.Markup body = form.render(Map.of("error", error.map(Html::errorMessage).orElse(Template.Markup.EMPTY),
                "csrf", token, "name", name));
        Responses.html(resp, status, Html.page("Log in", Optional.empty(), "", Optional.empty(), body));
    }

    private void login(HttpServletRequest req, HttpServletResponse resp) throws IOException, ConsoleException {
        String name = Optional.ofNullable(req.getParameter("name")).orElse("").strip();
        if (!Sessions.Csrf.matches(Requests.cookie(req, LOGIN_COOKIE), req.getParameter("csrf"))) {
            loginPage(resp, Optional.of("The login form expired; try again."), name, HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        String from = String.valueOf(req.getRemoteAddr());
        String actor = name.isEmpty() ? "(empty)" : name.length() > 64 ? name.substring(0, 64) : name;
        if (!rateLimit.tryAcquire(from)) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("channel", "console");
            details.put("from", from);
            details.put("result", "rate-limited");
            AuditRecords.record(audit, AuditActions.LOGIN, actor, details);
            loginPage(resp, Optional.of("Too many login attempts from your address; try again after "
                    + Html.TIME.format(rateLimit.retryAt(from)) + "."), name, 429);
            return;
        }
        char[] password = Optional.ofNullable(req.getParameter("password")).orElse("").toCharArray();
        UserStore.Attempt attempt;
        try {
            attempt = users.authenticate(name, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("channel", "console");
        details.put("from", from);
        details.put("result", switch (attempt.outcome()) {
            case OK -> "success";
            case WRONG_PASSWORD -> "wrong-password";
            case UNKNOWN_USER -> "unknown-user";
            case LOCKED -> "locked";
        });
        attempt.user().ifPresent(u -> details.put("role", u.role().word));
        attempt.lockedUntil().ifPresent(t -> details.put("locked.until", t.toString()));
        // recorded before the session exists: no audit entry, no login
        AuditRecords.record(audit, AuditActions.LOGIN, actor, details);
        if (!attempt.succeeded()) {
            loginPage(resp, Optional.of(REFUSED), name, HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        UserStore.User user = attempt.user().orElseThrow();
        Sessions.Session s = sessions.create(user.name(), user.role());
        resp.addHeader("Set-Cookie", ConsoleFilter.SESSION_COOKIE + "=" + s.token + "; Path=/; Secure; HttpOnly; SameSite=Strict");
        resp.addHeader("Set-Cookie", LOGIN_COOKIE + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
        Responses.redirect(resp, "/console/status");
    }

    private void logout(Sessions.Session s, HttpServletResponse resp) throws ConsoleException {
        sessions.end(s.token);
        AuditRecords.record(audit, "console.logout", s.user, Map.of("role", s.role.word));
        resp.addHeader("Set-Cookie", ConsoleFilter.SESSION_COOKIE + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0");
        Responses.redirect(resp, "/console/login");
    }
}
