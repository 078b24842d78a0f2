package io.vigil.cluster.internal;

import io.vigil.api.admin.AdminCommand;
import io.vigil.support.args.ArgumentException;
import io.vigil.support.args.CommandLineSpec;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import io.vigil.support.json.Json;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vigil cluster status [--json]}: the nodes of the cluster, their cameras and lag, and the owner of every
 * camera, as Kafka sees them. On a node without {@code conf/io.vigil.cluster.cfg} it says so and connects nowhere.
 */
@Component(configurationPid = KafkaCameraAssignment.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {AdminCommand.NAME + "=cluster", AdminCommand.SUMMARY + "=status [--json]: nodes, their cameras, lag, owner of each camera"})
public class ClusterStatusCommand implements AdminCommand {

    private static final String USAGE_TEXT = "usage: vigil cluster status [--json]";

    private final SecretStore secrets;
    private final KafkaCameraAssignment.Config config;
    private final boolean configured;

    @Activate
    public ClusterStatusCommand(@Reference SecretStore secrets, KafkaCameraAssignment.Config config, Map<String, Object> properties) {
        this.secrets = secrets;
        this.config = config;
        // Config Admin adds service.pid when conf/io.vigil.cluster.cfg exists; without it only the defaults are here
        this.configured = properties.containsKey("service.pid");
    }

    private static final CommandLineSpec STATUS = CommandLineSpec.of("vigil cluster status", USAGE_TEXT).flag("--json");

    @Override
    public int execute(List<String> args, InputStream stdin, PrintStream out, PrintStream err) {
        if (args.isEmpty() || !args.get(0).equals("status")) {
            err.println(USAGE_TEXT);
            return USAGE;
        }
        boolean json;
        try {
            json = STATUS.parse(args.subList(1, args.size())).has("--json");
        } catch (ArgumentException e) {
            e.print(err);
            return USAGE;
        }
        if (!configured) {
            if (json) {
                out.println(Json.pretty(Map.of("member", false)));
            } else {
                out.println("This node is not a cluster member (no conf/io.vigil.cluster.cfg): it runs its own cameras, without Kafka.");
            }
            return OK;
        }
        ClusterOptions options;
        try {
            options = ClusterOptions.from(config);
        } catch (IllegalArgumentException e) {
            err.println("conf/io.vigil.cluster.cfg: " + e.getMessage());
            return PROBLEM;
        }
        ClusterStatus status;
        try {
            status = new ClusterStatusReader(new KafkaClientSettings(options, secrets::password)).read();
        } catch (SecretStoreException e) {
            err.println("cluster: " + e.getMessage());
            return PROBLEM;
        } catch (ExecutionException | TimeoutException e) {
            err.println("cluster: Kafka at " + options.bootstrapServers() + " did not answer: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.toString()));
            return PROBLEM;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return PROBLEM;
        }
        if (json) {
            out.println(Json.pretty(document(options, status)));
        } else {
            print(options, status, out);
        }
        return OK;
    }

    private static Map<String, Object> document(ClusterOptions options, ClusterStatus status) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("member", true);
        d.put("node", options.nodeId());
        d.put("bootstrapServers", options.bootstrapServers());
        d.put("group", status.group());
        d.put("groupState", status.groupState());
        d.put("failoverBoundMs", options.failoverBoundMs());
        List<Object> nodes = new ArrayList<>();
        for (ClusterStatus.Node n : status.nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("node", n.node());
            m.put("host", n.host());
            m.put("partitions", n.partitions());
            m.put("cameras", n.cameras());
            m.put("lag", n.lag());
            nodes.add(m);
        }
        d.put("nodes", nodes);
        List<Object> cameras = new ArrayList<>();
        for (ClusterStatus.Camera c : status.cameras()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("camera", c.camera());
            m.put("partition", c.partition());
            m.put("owner", c.owner());
            cameras.add(m);
        }
        d.put("cameras", cameras);
        return d;
    }

    private static void print(ClusterOptions options, ClusterStatus status, PrintStream out) {
        out.printf("cluster: %s at %s, group %s (%s); this node: %s; failover within about %d s%n", status.nodes().size()
                + (status.nodes().size() == 1 ? " node" : " nodes"), options.bootstrapServers(), status.group(),
                status.groupState(), options.nodeId(), (options.failoverBoundMs() + 999) / 1000);
        out.printf("%-24s %-20s %8s %8s%n", "NODE", "HOST", "CAMERAS", "LAG");
        for (ClusterStatus.Node n : status.nodes()) {
            out.printf("%-24s %-20s %8d %8d%n", n.node(), n.host(), n.cameras().size(), n.lag());
        }
        out.println();
        out.printf("%-32s %-24s %s%n", "CAMERA", "OWNER", "PARTITION");
        for (ClusterStatus.Camera c : status.cameras()) {
            out.printf("%-32s %-24s %d%n", c.camera(), c.owner() == null ? "(none)" : c.owner(), c.partition());
        }
    }
}
