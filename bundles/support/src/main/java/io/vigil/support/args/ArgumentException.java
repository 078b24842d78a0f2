package io.vigil.support.args;

import java.io.PrintStream;

/**
 * A command line that cannot be run as written: the message names the command and the word at fault
 * ({@code vigil audit list: --last needs a whole number, not 'ten'}); {@link #usage()} is the command's
 * usage text, which callers print after it. An {@link IllegalArgumentException}, so the commands' own
 * checks of a value's meaning and the parser's checks of its form are reported alike.
 */
public final class ArgumentException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String usage;

    ArgumentException(String message, String usage) {
        super(message);
        this.usage = usage;
    }

    public String usage() {
        return usage;
    }

    /** The message, then the usage text: what a command prints before it exits with its usage status. */
    public void print(PrintStream err) {
        err.println(getMessage());
        if (!usage.isEmpty()) {
            err.println(usage);
        }
    }
}
