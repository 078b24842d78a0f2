package io.vigil.console.internal;

import io.vigil.api.admin.AdminCaller;
import io.vigil.api.admin.AdminCommand;
import io.vigil.api.audit.AuditException;
import io.vigil.api.audit.AuditTrail;
import io.vigil.support.args.ArgumentException;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code vigil users add NAME --role ROLE | list | remove NAME | unlock NAME}: the console's
 * people. The password of {@code add} is read from standard input, never from the command line.
 * Each change is audited (actor: the account that runs bin/vigil, from the admin channel) before it is made.
 */
final class UsersCommand implements AdminCommand {

    static final String USER_ADDED = "console.user-added";
    static final String USER_REMOVED = "console.user-removed";
    static final String USER_UNLOCKED = "console.user-unlocked";
    private static final String USAGE_TEXT = "usage: vigil users add NAME --role ROLE   (password on standard input)\n"
            + "       vigil users list | remove NAME | unlock NAME\n"
            + "roles: " + Role.words();

    private static final CommandLineSpec LIST = CommandLineSpec.of("vigil users list", USAGE_TEXT);
    /** The password comes on standard input, never as a word. */
    private static final CommandLineSpec ADD = CommandLineSpec.of("vigil users add", USAGE_TEXT)
            .positional("NAME").required("--role");
    private static final CommandLineSpec REMOVE = CommandLineSpec.of("vigil users remove", USAGE_TEXT).positional("NAME");
    private static final CommandLineSpec UNLOCK = CommandLineSpec.of("vigil users unlock", USAGE_TEXT).positional("NAME");

    private final UserStore users;
    private final Sessions sessions;
    private final AuditTrail audit;

    UsersCommand(UserStore users, Sessions sessions, AuditTrail audit) {
        this.users = users;
        this.sessions = sessions;
        this.audit = audit;
    }

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        err.println("vigil users needs to know who runs it: run it through bin/vigil (the admin channel)");
        return PROBLEM;
    }

    /** What is recorded is recorded under the caller's account, the one that runs bin/vigil. */
    @Override
    public int execute(AdminCaller caller, List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        String actor = caller.user();
        if (args.isEmpty()) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            switch (args.get(0)) {
                case "list" -> {
                    LIST.parse(rest);
                    List<UserStore.User> all = users.list();
                    if (all.isEmpty()) {
                        out.println("no console users: add the first administrator with"
                                + " vigil users add NAME --role administrator");
                        return OK;
                    }
                    out.printf("%-24s %-20s %-26s %s%n", "USER", "ROLE", "LOCKED UNTIL", "LAST LOGIN");
                    for (UserStore.User u : all) {
                        out.printf("%-24s %-20s %-26s %s%n", u.name(), u.role().word,
                                u.lockedUntil().map(Object::toString).orElse("-"), u.lastLogin().map(Object::toString).orElse("never"));
                    }
                    return OK;
                }
                case "add" -> {
                    CommandLine line = ADD.parse(rest);
                    String roleWord = line.value("--role").orElseThrow();
                    Optional<Role> role = Role.parse(roleWord);
                    if (role.isEmpty()) {
                        err.println("unknown role '" + roleWord + "'; roles: " + Role.words());
                        return USAGE;
                    }
                    String name = UserStore.checkName(line.positionals().get(0));
                    char[] password = readPassword(stdin);
                    try {
                        UserStore.checkPassword(password);
                        if (users.find(name).isPresent()) {
                            err.println("there is already a console user " + name);
                            return PROBLEM;
                        }
                        record(USER_ADDED, actor, name, role.get());
                        users.add(name, role.get(), password);
                    } finally {
                        Arrays.fill(password, '\0');
                    }
                    out.println("added console user " + name + " (" + role.get().word + ")");
                    return OK;
                }
                case "remove", "unlock" -> {
                    String name = (args.get(0).equals("remove") ? REMOVE : UNLOCK).parse(rest).positionals().get(0).strip();
                    Optional<UserStore.User> user = users.find(name);
                    if (user.isEmpty()) {
                        err.println("no console user " + name);
                        return PROBLEM;
                    }
                    boolean remove = args.get(0).equals("remove");
                    record(remove ? USER_REMOVED : USER_UNLOCKED, actor, user.get().name(), user.get().role());
                    if (remove) {
                        users.remove(name);
                        int ended = sessions.endAll(name);
                        out.println("removed console user " + user.get().name() + (ended > 0 ? "; " + ended + " session(s) ended" : ""));
                    } else {
                        users.unlock(name);
                        out.println("unlocked console user " + user.get().name());
                    }
                    return OK;
                }
                default -> {
                    // usage below
                }
            }
        } catch (ArgumentException e) {
            e.print(err);
            return USAGE;
        } catch (ConsoleException e) {
            err.println(e.getMessage());
            return PROBLEM;
        } catch (IOException e) {
            err.println("cannot read the password from standard input: " + e.getMessage());
            return PROBLEM;
        }
        err.println(USAGE_TEXT);
        return USAGE;
    }

    private void record(String action, String actor, String user, Role role) throws ConsoleException {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("user", user);
        d.put("role", role.word);
        try {
            audit.record(action, actor, d);
        } catch (AuditException | RuntimeException e) {
            throw new ConsoleException("the audit trail refused the record (" + e.getMessage() + "); nothing was changed", e);
        }
    }

    /** The first line of standard input, without its line end. */
    private static char[] readPassword(InputStream stdin) throws IOException, ConsoleException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        char[] buffer = new char[1025];
        int n = 0;
        int c;
        while ((c = reader.read()) != -1 && c != '\n' && n < buffer.length) {
            buffer[n++] = (char) c;
        }
        if (n > 0 && buffer[n - 1] == '\r') {
            n--;
        }
        if (n == 0) {
            throw new ConsoleException("give the new user's password on standard input (echo ... | vigil users add ...)");
        }
        char[] password = Arrays.copyOf(buffer, n);
        Arrays.fill(buffer, '\0');
        return password;
    }
}
