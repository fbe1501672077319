package dirt.cli;

import dirt.config.Settings;
import dirt.config.SshSettings;
import dirt.farm.NodeProber;
import dirt.farm.NodeRegistry;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonObject;
import dirt.json.PrettyJson;
import dirt.node.Node;
import dirt.node.NodeName;
import dirt.transport.NodeTransport;
import dirt.transport.ssh.HostKeyPolicy;
import dirt.transport.ssh.SshTransport;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "updatenodes",
        mixinStandardHelpOptions = true,
        description = {
            "Probe nodes and store their facts (cpu_count, architecture, environ, path, Java version, ...) as node"
                    + " documents, adding new ones enabled with one slot per cpu.",
            "HOST is a name as you use it with ssh: an alias from the OpenSSH client config, or a host name."
                    + " Hosts are probed in parallel; a host that fails keeps its stored document.",
        },
        footer = "Exit code 0 when every node was stored, 1 when any failed (the others are stored).")
final class UpdateNodesCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "HOST", description = "SSH hosts (aliases from the ssh config).")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--local", description = "Also this machine, as the node \"local\" (no sshd needed).")
    boolean local;

    @Option(
            names = "--accept-new-host-keys",
            description = "Accept host keys known_hosts does not hold yet, and add them (a changed key is always refused).")
    boolean acceptNewHostKeys;

    @Option(names = "--ssh-config", paramLabel = "FILE", description = "OpenSSH client config (env DIRT_SSH_CONFIG).")
    Path sshConfig;

    @Option(names = "--json", description = "Print the outcome per node as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var cli = CliContext.of(spec);
        List<NodeName> names = names();
        Settings settings = cli.settings();
        SshSettings ssh = sshSettings(cli, settings.ssh());
        try (var database = cli.database(settings)) {
            // the database first: a wrong URL or password is said before minutes of probing hosts, not after each
            new NodeRegistry(database.store(), Clock.systemUTC()).list();
            if (!json) {
                cli.out().printf("Probing %s ...%n", String.join(", ", names.stream().map(NodeName::value).toList()));
                cli.out().flush();
            }
            var report = new ProbeReport(cli, json);
            List<NodeProber.Outcome> outcomes =
                    Probes.probe(cli, database.store(), settings, names, name -> transport(cli, name, ssh, settings),
                            report::line);
            report.finish(outcomes);
            return outcomes.stream().allMatch(NodeProber.Outcome::ok) ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    private List<NodeName> names() {
        if (hosts.isEmpty() && !local) {
            throw new ParameterException(spec.commandLine(),
                    "name at least one HOST, or --local for this machine");
        }
        List<NodeName> names = new ArrayList<>();
        if (local) {
            names.add(new NodeName(Probes.LOCAL));
        }
        for (String host : hosts) {
            if (Probes.LOCAL.equals(host)) {
                throw new ParameterException(spec.commandLine(),
                        "\"local\" is the name of this machine's node: use --local");
            }
            names.add(new NodeName(host));
        }
        return names;
    }

    private NodeTransport transport(CliContext cli, NodeName name, SshSettings ssh, Settings settings) {
        if (Probes.LOCAL.equals(name.value())) {
            return Probes.local(cli, settings);
        }
        return new SshTransport(name.value(), ssh, acceptNewHostKeys ? HostKeyPolicy.ACCEPT_NEW : HostKeyPolicy.VERIFY);
    }

    private SshSettings sshSettings(CliContext cli, SshSettings ssh) {
        Path config = sshConfig != null ? cli.workingDir().resolve(sshConfig) : null;
        if (config == null) {
            return ssh;
        }
        return new SshSettings(config, ssh.knownHosts(), ssh.identities(), ssh.useAgent(), ssh.connectTimeout(),
                ssh.strictHostKeyChecking(), ssh.remoteCache());
    }

    /** Prints a line per node as it finishes, then a summary (or, with --json, one JSON array at the end). */
    private static final class ProbeReport {
        private final CliContext cli;
        private final boolean json;

        ProbeReport(CliContext cli, boolean json) {
            this.cli = cli;
            this.json = json;
        }

        synchronized void line(NodeProber.Outcome outcome) {
            if (json) {
                return;
            }
            if (outcome.ok()) {
                Node node = outcome.node().orElseThrow();
                cli.out().printf("%s: ok — %s (%s, %.1f s)%n", outcome.name(), summary(node),
                        outcome.uploadedAgent() ? "agent uploaded" : "agent cached",
                        outcome.took().toMillis() / 1000.0);
                node.probed().ifPresent(probed -> node.factsChanged().stream()
                        .filter(change -> !change.when().isBefore(probed.minusSeconds(1)))
                        .forEach(change -> cli.out().printf("%s: changed since the last probe: %s%n", outcome.name(),
                                change.describe())));
            } else {
                cli.err().printf("dirt: %s: FAILED — %s%n", outcome.name(), outcome.error().orElseThrow());
            }
            cli.out().flush();
            cli.err().flush();
        }

        void finish(List<NodeProber.Outcome> outcomes) {
            long failed = outcomes.stream().filter(outcome -> !outcome.ok()).count();
            if (json) {
                List<Json> array = new ArrayList<>();
                for (var outcome : outcomes) {
                    var row = JsonObject.builder().put("name", outcome.name().value()).put("ok", outcome.ok())
                            .put("uploaded_agent", outcome.uploadedAgent())
                            .put("seconds", BigDecimal.valueOf(outcome.took().toMillis() / 1000.0));
                    outcome.error().ifPresent(error -> row.put("error", error));
                    outcome.node().ifPresent(node -> row.put("node", node.toDocument()));
                    array.add(row.build());
                }
                cli.out().println(PrettyJson.text(new JsonArray(array)));
                return;
            }
            cli.out().printf("%d node(s) stored, %d failed%n", outcomes.size() - failed, failed);
        }

        private static String summary(Node node) {
            var facts = node.sysInfo();
            List<String> parts = new ArrayList<>();
            facts.architecture().ifPresent(parts::add);
            facts.cpuCount().ifPresent(cpus -> parts.add(cpus + " cpus"));
            facts.value("os_name").map(Fields::asText).map(name -> name + facts.value("os_version").map(Fields::asText)
                    .map(version -> " " + version).orElse("")).ifPresent(parts::add);
            facts.value("java_version").map(Fields::asText).map(version -> "java " + version).ifPresent(parts::add);
            parts.add(node.slots() + " slots" + (node.enabled() ? "" : ", disabled"));
            return String.join(", ", parts);
        }
    }
}
