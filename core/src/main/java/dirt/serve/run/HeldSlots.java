package dirt.serve.run;

import dirt.node.NodeName;

/**
 * The node slots this server's runs hold, as a run gives them back: the claim step takes them
 * ({@code dirt.serve.claim.Slots}), a run that ends parks its slot for the next task on that node, and a run handed
 * back frees it.
 */
public interface HeldSlots {
    /** The run of {@code taskId} in this slot ended: the slot is kept for this server's next task there, or freed. */
    void park(NodeName node, int index, String taskId);

    /** Frees the slot this server holds for {@code taskId}; nothing when the slot runs another task of it now. */
    void release(NodeName node, int index, String taskId);
}
