package io.vigil.api.admin;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@code vigil <name> ...} command, registered as a service with property
 * {@value #NAME} (the first word on the command line). The admin channel finds commands by
 * that property and passes the remaining words, the caller's standard input and its output
 * streams. Secrets arrive on {@code stdin}, never as arguments, so they never show in process
 * lists or shell history.
 */
@ConsumerType
public interface AdminCommand {

    /** Service property: the command's name. */
    String NAME = "vigil.command";

    /** Service property: one line of help. */
    String SUMMARY = "vigil.command.summary";

    /** Exit status: success. */
    int OK = 0;

    /** Exit status: the command line was wrong; usage was printed. */
    int USAGE = 2;

    /** Exit status: the command ran and found a problem (for status: something is failing). */
    int PROBLEM = 3;

    int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err);

    /**
     * Runs the command for {@code caller}, the authenticated account that runs it. The admin
     * channel calls this one; a command that records who did something (audit entries, reviews)
     * implements it and records {@code caller}, never a name given on the command line. The
     * default ignores the caller.
     *
     * @since 1.1
     */
    default int execute(AdminCaller caller, List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        return execute(args, stdin, out, err);
    }
}
