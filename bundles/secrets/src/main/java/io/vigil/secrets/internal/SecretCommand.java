package io.vigil.secrets.internal;

import io.vigil.api.admin.AdminCaller;
import io.vigil.api.admin.AdminCommand;
import io.vigil.support.args.ArgumentException;
import io.vigil.support.args.CommandLineSpec;
import io.vigil.api.audit.AuditException;
import io.vigil.api.audit.AuditTrail;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vigil secret list|set|generate-key|remove}: manages the secret store without ever printing
 * a value. Every change is recorded in the audit trail first (alias, kind and the account that runs
 * bin/vigil; never the value): a camera password swapped or a data key removed is a decision.
 */
@Component(property = {
        AdminCommand.NAME + "=secret",
        AdminCommand.SUMMARY + "=list, set (value on standard input), generate-key or remove secrets by alias"})
public class SecretCommand implements AdminCommand {

    private static final String USAGE_TEXT = """
            usage: vigil secret list
                   vigil secret set ALIAS            (the value is read from standard input)
                   vigil secret generate-key ALIAS   (a new random AES-256 key)
                   vigil secret remove ALIAS""";

    private static final CommandLineSpec LIST = CommandLineSpec.of("vigil secret list", USAGE_TEXT);
    /** The value comes on standard input, never as a word. */
    private static final CommandLineSpec SET = CommandLineSpec.of("vigil secret set", USAGE_TEXT).positional("ALIAS");
    private static final CommandLineSpec GENERATE_KEY = CommandLineSpec.of("vigil secret generate-key", USAGE_TEXT)
            .positional("ALIAS");
    private static final CommandLineSpec REMOVE = CommandLineSpec.of("vigil secret remove", USAGE_TEXT).positional("ALIAS");

    private static final int MAX_SECRET_BYTES = 4096;

    /** Audit actions of the changes; the trail seals each at once (a decision). */
    static final String SECRET_SET = "secret.set";
    static final String SECRET_KEY_GENERATED = "secret.key-generated";
    static final String SECRET_REMOVED = "secret.removed";

    private final SecretStore store;
    private final AuditTrail audit;

    @Activate
    public SecretCommand(@Reference SecretStore store, @Reference AuditTrail audit) {
        this.store = store;
        this.audit = audit;
    }

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        err.println("vigil secret needs to know who runs it: run it through bin/vigil (the admin channel)");
        return PROBLEM;
    }

    /** Records a change before it is made; a refusal by the trail leaves the store as it was. */
    private void audited(String action, String actor, String alias, String kind) throws SecretStoreException {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("alias", alias);
        details.put("kind", kind);
        try {
            audit.record(action, actor, details);
        } catch (AuditException | RuntimeException e) {
            throw new SecretStoreException("The audit trail refused the record of this change (" + e.getMessage()
                    + "); nothing was changed.", e);
        }
    }

    @Override
    public int execute(AdminCaller caller, List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        String actor = caller.user();
        if (args.isEmpty()) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        String verb = args.get(0);
        try {
            switch (verb) {
                case "list" -> {
                    LIST.parse(args.subList(1, args.size()));
                    for (String alias : store.aliases()) {
                        out.println(alias + "\t" + kind(alias));
                    }
                    return OK;
                }
                case "set" -> {
                    String alias = onlyAlias(SET, args);
                    char[] value = readSecret(stdin);
                    if (value.length == 0) {
                        err.println("No value on standard input; nothing stored.");
                        return USAGE;
                    }
                    try {
                        audited(SECRET_SET, actor, alias, "password");
                        store.putPassword(alias, value);
                    } finally {
                        Arrays.fill(value, '\0');
                    }
                    out.println("Stored password '" + alias + "'.");
                    return OK;
                }
                case "generate-key" -> {
                    String alias = onlyAlias(GENERATE_KEY, args);
                    if (store.aliases().contains(alias)) {
                        err.println("'" + alias + "' already exists; remove it first if you mean to replace it.");
                        return PROBLEM;
                    }
                    SecretKey key = newAesKey();
                    audited(SECRET_KEY_GENERATED, actor, alias, "key AES");
                    store.putKey(alias, key);
                    out.println("Stored a new AES-256 key '" + alias + "'.");
                    return OK;
                }
                case "remove" -> {
                    String alias = onlyAlias(REMOVE, args);
                    if (!store.aliases().contains(alias)) {
                        out.println("No secret '" + alias + "'.");
                        return PROBLEM;
                    }
                    audited(SECRET_REMOVED, actor, alias, kind(alias));
                    boolean removed = store.remove(alias);
                    out.println(removed ? "Removed '" + alias + "'." : "No secret '" + alias + "'.");
                    return removed ? OK : PROBLEM;
                }
                default -> {
                    err.println("Unknown verb '" + verb + "'.\n" + USAGE_TEXT);
                    return USAGE;
                }
            }
        } catch (ArgumentException e) {
            e.print(err);
            return USAGE;
        } catch (SecretStoreException e) {
            err.println(e.getMessage());
            return PROBLEM;
        }
    }

    private static String onlyAlias(CommandLineSpec spec, List<String> args) {
        return spec.parse(args.subList(1, args.size())).positionals().get(0);
    }

    private String kind(String alias) throws SecretStoreException {
        Optional<char[]> password = store.password(alias);
        if (password.isPresent()) {
            Arrays.fill(password.get(), '\0');
            return "password";
        }
        return store.key(alias).map(k -> "key " + k.getAlgorithm()).orElse("other");
    }

    /** The first line of standard input, without its line end. */
    static char[] readSecret(InputStream stdin) throws SecretStoreException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = stdin.read()) != -1 && b != '\n') {
                if (buffer.size() >= MAX_SECRET_BYTES) {
                    throw new SecretStoreException("Secret longer than " + MAX_SECRET_BYTES + " bytes; nothing stored.");
                }
                buffer.write(b);
            }
        } catch (IOException e) {
            throw new SecretStoreException("Cannot read the secret from standard input: " + e.getMessage(), e);
        }
        byte[] bytes = buffer.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        CharBuffer text = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes, 0, length));
        Arrays.fill(bytes, (byte) 0);
        char[] secret = new char[text.remaining()];
        text.get(secret);
        return secret;
    }

    private static SecretKey newAesKey() throws SecretStoreException {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256);
            return generator.generateKey();
        } catch (NoSuchAlgorithmException e) {
            throw new SecretStoreException("AES is not available in this Java runtime.", e);
        }
    }
}
