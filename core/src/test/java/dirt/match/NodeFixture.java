package dirt.match;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dirt.node.Node;
import dirt.node.NodeName;
import dirt.node.SysInfo;
import dirt.store.couch.JacksonBridge;
import java.util.Optional;

/** Builds nodes for tests: {@code node("a").fact("architecture", "x86_64").slots(2).build()}. */
public final class NodeFixture {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final ObjectNode facts = JsonNodeFactory.instance.objectNode();
    private int slots = 1;
    private boolean enabled = true;

    private NodeFixture(String name) {
        this.name = name;
    }

    public static NodeFixture node(String name) {
        return new NodeFixture(name);
    }

    /** A fact as any value Jackson can write: a string, number, boolean, list or map. */
    public NodeFixture fact(String key, Object value) {
        facts.set(key, JSON.valueToTree(value));
        return this;
    }

    public NodeFixture slots(int slots) {
        this.slots = slots;
        return this;
    }

    public NodeFixture disabled() {
        this.enabled = false;
        return this;
    }

    public SysInfo sysInfo() {
        return new SysInfo(JacksonBridge.object(facts));
    }

    public Node build() {
        return new Node(new NodeName(name), Optional.empty(), enabled, slots, sysInfo(), Optional.empty(),
                dirt.json.JsonObject.EMPTY);
    }
}
