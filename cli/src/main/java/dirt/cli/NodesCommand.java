package dirt.cli;

import dirt.farm.NodeRegistry;
import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.PrettyJson;
import dirt.node.Node;
import dirt.node.NodeName;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "nodes",
        mixinStandardHelpOptions = true,
        description = {
            "List the nodes (name, state, slots, architecture, cpus, load and when they were last probed),"
                    + " or change one. Nodes are added and re-probed with 'dirt updatenodes'."
        },
        subcommands = {
            NodesCommand.Enable.class,
            NodesCommand.Disable.class,
            NodesCommand.Slots.class,
            NodesCommand.Release.class,
            NodesCommand.Remove.class
        })
final class NodesCommand implements Callable<Integer> {
    @Option(names = "--json", description = "Print the node documents as JSON.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var cli = CliContext.of(spec);
        List<Node> nodes = withRegistry(cli, NodeRegistry::list);
        if (json) {
            cli.out().println(PrettyJson.text(new JsonArray(nodes.stream().<Json>map(Node::toDocument).toList())));
        } else {
            new NodeTable(Clock.systemUTC()).print(nodes, cli.out());
        }
        return ExitCodes.OK;
    }

    static <T> T withRegistry(CliContext cli, Function<NodeRegistry, T> action) {
        var settings = cli.settings();
        try (var project = cli.database(settings)) {
            var store = project.store();
            return action.apply(new NodeRegistry(store, Clock.systemUTC()));
        }
    }

    /** A change to one node, named by its first parameter; prints what it did. */
    abstract static class NodeChange implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "The node's name (the alias it was added with).")
        String name;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            var cli = CliContext.of(spec);
            String done = withRegistry(cli, registry -> change(registry, new NodeName(name)));
            cli.out().println(done);
            return ExitCodes.OK;
        }

        /** Makes the change and says what it did. */
        abstract String change(NodeRegistry registry, NodeName node);
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Let the node run tasks again.")
    static final class Enable extends NodeChange {
        @Override
        String change(NodeRegistry registry, NodeName node) {
            registry.setEnabled(node, true);
            return "Node " + node + " is enabled.";
        }
    }

    @Command(
            name = "disable",
            mixinStandardHelpOptions = true,
            description = "Give the node no new tasks; tasks running there finish.")
    static final class Disable extends NodeChange {
        @Override
        String change(NodeRegistry registry, NodeName node) {
            registry.setEnabled(node, false);
            return "Node " + node + " is disabled.";
        }
    }

    @Command(
            name = "slots",
            mixinStandardHelpOptions = true,
            description = "Set how many tasks the node runs at once (default: its cpu_count).")
    static final class Slots extends NodeChange {
        @Parameters(index = "1", paramLabel = "N", description = "Tasks at once, at least 1.")
        int slots;

        @Override
        public Integer call() {
            if (slots < 1) {
                throw new ParameterException(spec.commandLine(), "N must be at least 1, got " + slots
                        + " (to give the node no new tasks: dirt nodes disable " + name + ")");
            }
            return super.call();
        }

        @Override
        String change(NodeRegistry registry, NodeName node) {
            registry.setSlots(node, slots);
            return "Node " + node + " runs up to " + slots + " task(s) at once.";
        }
    }

    @Command(
            name = "release",
            mixinStandardHelpOptions = true,
            description = "Lift the node's quarantine: it takes work again (a new probe does not lift it).")
    static final class Release extends NodeChange {
        @Override
        String change(NodeRegistry registry, NodeName node) {
            var before = registry.find(node);
            registry.release(node);
            return before.flatMap(Node::quarantined).map(reason -> "Node " + node + " is released (it was quarantined: "
                    + reason + ").").orElse("Node " + node + " was not quarantined; nothing to release.");
        }
    }

    @Command(
            name = "remove",
            mixinStandardHelpOptions = true,
            description = "Delete the node's document; 'dirt updatenodes NAME' adds it again.")
    static final class Remove extends NodeChange {
        @Override
        String change(NodeRegistry registry, NodeName node) {
            registry.remove(node);
            return "Node " + node + " is removed.";
        }
    }
}
