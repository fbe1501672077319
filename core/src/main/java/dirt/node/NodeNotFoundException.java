package dirt.node;

import dirt.DirtException;

/** A command named a node that has no document. */
public final class NodeNotFoundException extends DirtException {
    public NodeNotFoundException(String message) {
        super(message);
    }
}
