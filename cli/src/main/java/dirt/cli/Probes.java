package dirt.cli;

import dirt.config.Settings;
import dirt.farm.NodeProber;
import dirt.farm.NodeRegistry;
import dirt.node.NodeName;
import dirt.store.Store;
import dirt.transport.AgentJars;
import dirt.transport.NodeTransport;
import dirt.transport.local.LocalTransport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/** Probing nodes from the CLI: the agent jar, the local cache folder, the registry of the project's database. */
final class Probes {
    static final String LOCAL = "local";

    private Probes() {}

    /** ~/.cache/dirt: the agent jar and this machine's agent cache, as on a remote node. */
    static Path cache(CliContext cli) {
        return cli.userHome().resolve(".cache/dirt");
    }

    /** This machine's agent, with a clean environment plus the variables {@code [nodes]} names. */
    static NodeTransport local(CliContext cli, Settings settings) {
        return new LocalTransport(cache(cli), settings.nodes().localAgentEnvironment());
    }

    static List<NodeProber.Outcome> probe(CliContext cli, Store store, Settings settings,
            List<NodeName> names, Function<NodeName, NodeTransport> transports, Consumer<NodeProber.Outcome> done) {
        var registry = new NodeRegistry(store, Clock.systemUTC());
        var agent = AgentJars.locate(cache(cli).resolve("agent"));
        var timeout = settings.ssh().connectTimeout().plusSeconds(30);
        return new NodeProber(registry, transports, agent, timeout, Clock.systemUTC(),
                settings.nodes().environValues()).probe(names, done);
    }
}
