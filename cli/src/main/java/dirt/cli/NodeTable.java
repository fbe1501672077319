package dirt.cli;

import dirt.json.JsonNumber;
import dirt.node.Node;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The human-readable listing of {@code dirt nodes}. */
final class NodeTable {
    private static final String[] HEADER = {"NAME", "STATE", "SLOTS", "ARCH", "CPUS", "LOAD", "PROBED"};

    private final Clock clock;

    NodeTable(Clock clock) {
        this.clock = clock;
    }

    void print(List<Node> nodes, PrintWriter out) {
        if (nodes.isEmpty()) {
            out.println("No nodes yet: add this machine with 'dirt updatenodes --local', or SSH hosts with"
                    + " 'dirt updatenodes HOST...'.");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        nodes.forEach(node -> rows.add(row(node)));
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            var line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private String[] row(Node node) {
        var facts = node.sysInfo();
        return new String[] {
            node.name().value(),
            state(node),
            String.valueOf(node.slots()),
            facts.architecture().orElse("?"),
            facts.cpuCount().isPresent() ? String.valueOf(facts.cpuCount().getAsInt()) : "?",
            facts.value("load_average").filter(JsonNumber.class::isInstance)
                    .map(load -> String.format("%.2f", ((JsonNumber) load).doubleValue())).orElse("?"),
            node.probed().map(this::ago).orElse("never")
        };
    }

    /** enabled, disabled, quarantined, disk full or unreachable: why the node takes work or not. */
    static String state(Node node) {
        if (!node.enabled()) {
            return "disabled";
        }
        if (node.quarantined().isPresent()) {
            return "quarantined";
        }
        if (node.offWork().isPresent()) {
            return "disk full";
        }
        return node.unreachable().isPresent() ? "unreachable" : "enabled";
    }

    private String ago(Instant when) {
        Duration age = Duration.between(when, clock.instant());
        if (age.isNegative() || age.toSeconds() < 60) {
            return "just now";
        }
        if (age.toMinutes() < 60) {
            return age.toMinutes() + " min ago";
        }
        if (age.toHours() < 48) {
            return age.toHours() + " h ago";
        }
        return age.toDays() + " days ago";
    }
}
