package dirt.serve.claim;

import dirt.DirtException;
import dirt.json.JsonObject;
import dirt.node.Node;
import dirt.node.NodeName;
import dirt.serve.ServerId;
import dirt.serve.writeback.Attempts;
import dirt.serve.writeback.TaskWriter;
import dirt.task.Task;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Claims a round's choices in two writes to the database, however many there are: one takes their slots
 * ({@link Slots#acquireAll}), one claims the tasks that got a slot ({@link TaskWriter#claimAll}, each document
 * guarded by its {@code _rev}). A task whose slot or claim another server won is dropped from this round alone.
 */
public final class Claims {
    /** A task and the node the round chose for it. */
    public record Choice(Task task, Node node) {}

    /** What became of one choice: claimed (the task as stored), lost to another writer, or no slot this round. */
    public sealed interface Outcome permits Claimed, Lost, NoSlot {}

    public record Claimed(Task task, NodeName node, int slot, int attempt) implements Outcome {}

    public record Lost() implements Outcome {}

    public record NoSlot() implements Outcome {}

    private final Slots slots;
    private final TaskWriter writer;
    private final ServerId me;
    private final Clock clock;

    public Claims(Slots slots, TaskWriter writer, ServerId me, Clock clock) {
        this.slots = slots;
        this.writer = writer;
        this.me = me;
        this.clock = clock;
    }

    /**
     * Per choice, in order, what became of it.
     *
     * @throws dirt.store.StoreException when the database could not take the slots (nothing was claimed) or the
     *     claims (their slots are freed again)
     */
    public List<Outcome> claim(List<Choice> choices) {
        List<Optional<Integer>> taken = slots.acquireAll(choices.stream().map(choice -> new Slots.Want(
                choice.node().name(), choice.node().slots(), choice.task().id().value())).toList());
        List<Outcome> outcomes = new ArrayList<>();
        List<Integer> claiming = new ArrayList<>();
        List<JsonObject> docs = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            Choice choice = choices.get(i);
            outcomes.add(new NoSlot());
            if (taken.get(i).isPresent()) {
                claiming.add(i);
                docs.add(Attempts.claimed(choice.task(), choice.node().name(), taken.get(i).get(), me,
                        clock.instant()));
            }
        }
        if (docs.isEmpty()) {
            return outcomes;
        }
        List<Optional<JsonObject>> stored;
        try {
            stored = writer.claimAll(docs);
        } catch (DirtException e) {
            claiming.forEach(i -> free(choices.get(i), taken.get(i).orElseThrow()));
            throw e;
        }
        for (int c = 0; c < claiming.size(); c++) {
            int i = claiming.get(c);
            Choice choice = choices.get(i);
            int slot = taken.get(i).orElseThrow();
            if (stored.get(c).isPresent()) {
                outcomes.set(i, new Claimed(Task.fromJson(stored.get(c).get()), choice.node().name(), slot,
                        attempt(choice)));
            } else {
                free(choice, slot);
                outcomes.set(i, new Lost());
            }
        }
        return outcomes;
    }

    private void free(Choice choice, int slot) {
        slots.release(choice.node().name(), slot, choice.task().id().value());
    }

    private static int attempt(Choice choice) {
        return Attempts.attempt(choice.task()) + 1;
    }
}
