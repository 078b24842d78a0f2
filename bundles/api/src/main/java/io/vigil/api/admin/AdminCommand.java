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
}
