package io.vigil.compliance.internal.audit;

import io.vigil.api.admin.AdminCommand;
import io.vigil.support.args.CommandLine;
import io.vigil.support.args.CommandLineSpec;
import io.vigil.api.audit.AuditException;
import io.vigil.api.cluster.SharedLog;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code vigil audit verify [--checkpoints FILE] [--public-key FILE]}, {@code vigil audit verify --cluster [--json]}
 * and {@code vigil audit list [--last N] [--action A]}.
 */
@Component(property = {
        AdminCommand.NAME + "=audit",
        AdminCommand.SUMMARY + "=audit trail: verify [--checkpoints FILE] [--public-key FILE] | verify --cluster [--json]"
                + " | list [--last N] [--action A]"})
public class AuditCommand implements AdminCommand {

    /** How long reading the whole cluster audit log may take. */
    static final Duration CLUSTER_READ_BOUND = Duration.ofSeconds(120);

    static final String USAGE_TEXT = String.join("\n",
            "usage: vigil audit verify [--checkpoints FILE] [--public-key FILE]",
            "                                                 re-compute the chain, check every signature, compare with",
            "                                                 the shipped checkpoints (default: the configured file) and",
            "                                                 the head file; --public-key: check signatures with the key",
            "                                                 you hold (a copy of checkpoints.log.pub), not the one in",
            "                                                 the data folder; exit 0 intact, 3 not",
            "       vigil audit verify --cluster [--json]     every node's chain as the cluster's audit log holds it;",
            "                                                 names the first break per node; exit 0 intact, 3 not",
            "       vigil audit list [--last N] [--action A]  the newest entries (default 20), oldest first");

    private static final CommandLineSpec VERIFY = CommandLineSpec.of("vigil audit verify", USAGE_TEXT)
            .option("--checkpoints").option("--public-key").flag("--cluster").flag("--json");
    private static final CommandLineSpec LIST = CommandLineSpec.of("vigil audit list", USAGE_TEXT)
            .option("--last").option("--action");

    private final AuditTrailService trail;
    private volatile SharedLog sharedLog;

    @Activate
    public AuditCommand(@Reference AuditTrailService trail) {
        this.trail = trail;
    }

    /** Present on a cluster member only; without it {@code verify --cluster} says this node is not one. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSharedLog(SharedLog bound) {
        sharedLog = bound;
    }

    void unbindSharedLog(SharedLog unbound) {
        if (sharedLog == unbound) {
            sharedLog = null;
        }
    }


    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        try {
            return CommandLineSpec.dispatch(args, USAGE_TEXT, err, (subcommand, rest) -> switch (subcommand) {
                case "verify" -> verify(rest, out);
                case "list" -> list(rest, out);
                default -> usage(err);
            });
        } catch (AuditException e) {
            err.println("vigil audit: " + e.getMessage());
            return PROBLEM;
        }
    }

    private static int usage(PrintStream err) {
        err.println(USAGE_TEXT);
        return USAGE;
    }

    private int verify(List<String> args, PrintStream out) throws AuditException {
        CommandLine line = VERIFY.parse(args);
        if (line.has("--cluster")) {
            if (line.value("--checkpoints").isPresent() || line.value("--public-key").isPresent()) {
                throw line.error("--cluster reads the cluster's audit log: without --checkpoints or --public-key");
            }
            return verifyCluster(line.has("--json"), out);
        }
        if (line.has("--json")) {
            throw line.error("--json goes with --cluster");
        }
        Optional<Path> file = line.value("--checkpoints").map(Path::of);
        Optional<Path> publicKey = line.value("--public-key").map(Path::of);
        VerificationReport r = trail.verify(file, publicKey);
        Path shipped = file.orElse(trail.options().checkpointsFile());
        out.println("Audit trail " + trail.options().database() + ": "
                + (r.lastSequence() == 0 ? "no entries" : "entries " + r.firstSequence() + ".." + r.lastSequence())
                + ", " + r.checkpoints() + " signed checkpoints (signing key " + trail.keyId() + ")");
        out.println("Checked with " + publicKey.map(p -> "the key you hold, " + p)
                .orElse("the published key, " + trail.options().checkpointsFile() + ".pub"));
        out.println("Shipped checkpoints " + shipped + ": "
                + (r.shippedCheckpoints() < 0 ? "none" : r.shippedCheckpoints() + " compared"));
        r.notes().forEach(n -> out.println("Note: " + n));
        if (r.intact()) {
            out.println("INTACT: every entry chains to the one before, every checkpoint verifies");
            return OK;
        }
        out.println("NOT INTACT: " + r.findings().size() + " problem" + (r.findings().size() == 1 ? "" : "s") + ":");
        r.findings().forEach(f -> out.println("  " + f));
        return PROBLEM;
    }

    private int verifyCluster(boolean json, PrintStream out) throws AuditException {
        SharedLog shared = sharedLog;
        if (shared == null) {
            if (json) {
                out.print(ClusterAuditJson.notMember());
            } else {
                out.println("This node is not a cluster member (no conf/io.vigil.cluster.cfg, or the cluster bundle is not"
                        + " running): there is no cluster audit log to verify. vigil audit verify checks this node's trail.");
            }
            return PROBLEM;
        }
        ClusterAuditVerifier.Report r = new ClusterAuditVerifier(shared, CLUSTER_READ_BOUND).verify();
        if (json) {
            out.print(ClusterAuditJson.write(r));
            return r.intact() ? OK : PROBLEM;
        }
        out.println("Cluster audit log '" + SharedAuditRecords.LOG.name() + "' read by " + r.readBy() + ": " + r.records()
                + " records, " + r.nodes().size() + " node" + (r.nodes().size() == 1 ? "" : "s"));
        for (NodeAudit n : r.nodes()) {
            out.println("Node " + n.node() + ": " + (n.last() == 0 ? "no entries" : "entries " + n.first() + ".." + n.last())
                    + ", " + n.checkpoints() + " signed checkpoints (key " + String.join(", ", n.keys()) + ")");
            n.notes().forEach(note -> out.println("  Note: " + note));
            if (n.intact()) {
                out.println("  INTACT");
            } else {
                out.println("  NOT INTACT: first break at " + n.firstBreak().orElseThrow());
                n.findings().stream().skip(1).forEach(f -> out.println("    " + f));
            }
        }
        out.println(r.intact() ? "INTACT: every node's chain in the cluster's audit log verifies"
                : "NOT INTACT: " + r.nodes().stream().filter(n -> !n.intact()).map(NodeAudit::node).toList()
                        + " do not verify");
        return r.intact() ? OK : PROBLEM;
    }

    private int list(List<String> args, PrintStream out) throws AuditException {
        CommandLine line = LIST.parse(args);
        int last = line.intValue("--last", 20);
        Optional<String> action = line.value("--action");
        if (last < 1) {
            throw line.error("--last is at least 1");
        }
        if (action.isPresent() && action.get().isBlank()) {
            throw line.error("--action names an action");
        }
        List<AuditEntry> entries = trail.last(last, action);
        if (entries.isEmpty()) {
            out.println("No audit entries" + action.map(a -> " with action " + a).orElse("") + ".");
            return OK;
        }
        for (AuditEntry e : entries) {
            out.println(e.sequence() + "  " + e.time() + "  " + e.actor() + "  " + e.action() + "  " + e.details());
        }
        return OK;
    }
}
