package io.vigil.support.args;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The words one command accepts, declared once, and the parser that checks a command line against
 * them. Options begin with {@code --} and may stand anywhere among the positionals; an option's value
 * is the next word or follows {@code =} ({@code --last 5}, {@code --last=5}), and a value that begins
 * with {@code --} can only be given the second way. A lone {@code --} ends the options: what follows
 * is positional. Everything else is refused with a message that names the word: an option the
 * command does not know, one given twice that is not {@linkplain #repeatable repeatable}, a value
 * missing or given to a flag, a required option or positional missing, a positional too many.
 *
 * <p>The admin commands' arguments arrive as a list of words (the admin channel has split them), and
 * each command keeps the usage text it has always printed, so this is a few hundred lines rather than
 * a library that generates help (README, "Support library").
 */
public final class CommandLineSpec {

    enum Kind { FLAG, VALUE, REPEATABLE, LIST }

    record Option(String name, Kind kind, boolean required) {
    }

    private final String command;
    private final String usage;
    /** By every spelling (name and aliases), the option it means. */
    private final Map<String, Option> options = new LinkedHashMap<>();
    private final List<String> positionals = new ArrayList<>();
    private final List<String> optionalPositionals = new ArrayList<>();
    private String rest;
    private int restAtLeast;

    private CommandLineSpec(String command, String usage) {
        this.command = Objects.requireNonNull(command, "command");
        this.usage = Objects.requireNonNull(usage, "usage");
    }

    /**
     * @param command the words that name the command, for messages ({@code vigil deployment create})
     * @param usage   what the command prints after a message about its arguments
     */
    public static CommandLineSpec of(String command, String usage) {
        return new CommandLineSpec(command, usage);
    }

    /** An option that takes no value ({@code --json}). */
    public CommandLineSpec flag(String name, String... aliases) {
        return add(new Option(name, Kind.FLAG, false), aliases);
    }

    /** An option that takes one value and may be given once. */
    public CommandLineSpec option(String name, String... aliases) {
        return add(new Option(name, Kind.VALUE, false), aliases);
    }

    /** An option that takes one value and must be given. */
    public CommandLineSpec required(String name, String... aliases) {
        return add(new Option(name, Kind.VALUE, true), aliases);
    }

    /** An option that takes one value each time and may be given many times ({@code --target A --target B}). */
    public CommandLineSpec repeatable(String name, String... aliases) {
        return add(new Option(name, Kind.REPEATABLE, false), aliases);
    }

    /** An option followed by one or more values, the words up to the next option ({@code --photos a.jpg b.jpg}). */
    public CommandLineSpec list(String name, String... aliases) {
        return add(new Option(name, Kind.LIST, false), aliases);
    }

    /** The next positional, which must be given; {@code name} is how the usage text calls it. */
    public CommandLineSpec positional(String name) {
        if (!optionalPositionals.isEmpty() || rest != null) {
            throw new IllegalStateException("a required positional comes before optional ones");
        }
        positionals.add(name);
        return this;
    }

    /** A positional that may be left out, after the required ones. */
    public CommandLineSpec optionalPositional(String name) {
        if (rest != null) {
            throw new IllegalStateException("optional positionals come before the rest");
        }
        optionalPositionals.add(name);
        return this;
    }

    /** Every positional after the declared ones, at least {@code atLeast} of them ({@code IMAGE...}). */
    public CommandLineSpec rest(String name, int atLeast) {
        rest = name;
        restAtLeast = atLeast;
        return this;
    }

    private CommandLineSpec add(Option option, String... aliases) {
        for (String spelling : prepend(option.name(), aliases)) {
            if (!spelling.startsWith("--") || spelling.length() < 3 || spelling.contains("=")) {
                throw new IllegalArgumentException("an option is --name: " + spelling);
            }
            if (options.putIfAbsent(spelling, option) != null) {
                throw new IllegalStateException(spelling + " is declared twice");
            }
        }
        return this;
    }

    private static List<String> prepend(String first, String... more) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all;
    }

    /** A message about this command's arguments, with its usage: for what the parser cannot know (two options that exclude each other). */
    public ArgumentException error(String message) {
        return new ArgumentException(command + ": " + message, usage);
    }

    Kind kind(String name) {
        Option option = options.get(name);
        if (option == null || !option.name().equals(name)) {
            throw new IllegalStateException(command + " declares no option " + name);
        }
        return option.kind();
    }

    /** What a command does with a line that parsed; returns its exit status. */
    @FunctionalInterface
    public interface Action<E extends Exception> {
        int run(CommandLine line) throws E;
    }

    /** The exit status of a command line that is wrong ({@code AdminCommand.USAGE}, and the launcher's). */
    public static final int USAGE = 2;

    /**
     * Parses {@code words} and runs {@code action} with them. A line that does not parse, or whose
     * values {@code action} finds wrong ({@link ArgumentException}), is printed to {@code err} with
     * the usage and exits {@link #USAGE}: every command answers a wrong line alike.
     */
    public <E extends Exception> int run(List<String> words, PrintStream err, Action<E> action) throws E {
        try {
            return action.run(parse(words));
        } catch (ArgumentException e) {
            e.print(err);
            return USAGE;
        }
    }

    /** What a command whose first word names what to do does with that word and the words after it. */
    @FunctionalInterface
    public interface Subcommands<E extends Exception> {
        int run(String subcommand, List<String> rest) throws E;
    }

    /**
     * A command whose first word names what to do ({@code vigil deployment create ...}): without a word
     * it prints {@code usage} and exits {@link #USAGE}; otherwise {@code subcommands} runs with the word
     * and the words after it, and a wrong line ({@link ArgumentException}) is answered as {@link #run}
     * answers it.
     */
    public static <E extends Exception> int dispatch(List<String> words, String usage, PrintStream err,
            Subcommands<E> subcommands) throws E {
        if (words.isEmpty()) {
            err.println(usage);
            return USAGE;
        }
        try {
            return subcommands.run(words.get(0), words.subList(1, words.size()));
        } catch (ArgumentException e) {
            e.print(err);
            return USAGE;
        }
    }

    /** @throws ArgumentException what is wrong with {@code words}, naming the word */
    public CommandLine parse(List<String> words) {
        Map<String, List<String>> given = new LinkedHashMap<>();
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (optionsEnded || !word.startsWith("--")) {
                positional.add(word);
                continue;
            }
            if (word.equals("--")) {
                optionsEnded = true;
                continue;
            }
            int equals = word.indexOf('=');
            String spelling = equals < 0 ? word : word.substring(0, equals);
            Option option = options.get(spelling);
            if (option == null) {
                throw error("unknown option " + spelling);
            }
            List<String> values = given.get(option.name());
            if (values != null && option.kind() != Kind.REPEATABLE) {
                throw error(spelling + " is given twice");
            }
            values = given.computeIfAbsent(option.name(), k -> new ArrayList<>());
            if (option.kind() == Kind.FLAG) {
                if (equals >= 0) {
                    throw error(spelling + " takes no value");
                }
                continue;
            }
            if (equals >= 0) {
                values.add(word.substring(equals + 1));
            } else if (i + 1 < words.size() && !words.get(i + 1).startsWith("--")) {
                values.add(words.get(++i));
            } else {
                throw error(spelling + " needs a value");
            }
            if (option.kind() == Kind.LIST && equals < 0) {
                while (i + 1 < words.size() && !words.get(i + 1).startsWith("--")) {
                    values.add(words.get(++i));
                }
            }
        }
        for (Option option : options.values()) {
            if (option.required() && !given.containsKey(option.name())) {
                throw error(option.name() + " is required");
            }
        }
        if (positional.size() < positionals.size()) {
            throw error("missing " + positionals.get(positional.size()));
        }
        int declared = positionals.size() + optionalPositionals.size();
        if (rest == null && positional.size() > declared) {
            throw error("unexpected argument '" + positional.get(declared) + "'");
        }
        if (rest != null && positional.size() < declared + restAtLeast) {
            throw error("missing " + rest);
        }
        return new CommandLine(this, given, positional, positionals.size() + optionalPositionals.size());
    }
}
