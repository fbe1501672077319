package dirt.serve.feed;

import static java.util.Objects.requireNonNull;

import dirt.json.JsonObject;
import dirt.node.Node;
import dirt.node.NodeName;
import dirt.serve.claim.Slots;
import dirt.store.ChangeToken;
import dirt.store.Feed;
import dirt.store.Store;
import dirt.store.StoreChange;
import dirt.task.Task;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the database's changes for serve and tells a {@link Listener} what each change is: a task, node, slot or
 * record document seen or deleted. A change that cannot be read is logged and skipped: one bad document never stops
 * the feed.
 */
public final class Changes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Changes.class);

    /** What serve does with each kind of change; called on the feed's thread (at start, on the caller's). */
    public interface Listener {
        /** A task document, new or changed. */
        void taskSeen(JsonObject document);

        void taskDeleted(String id);

        /** A valid node document, new or changed. */
        void nodeSeen(Node node);

        void nodeDeleted(NodeName name);

        /** A slot document, new or changed. */
        void slotSeen(JsonObject document);

        /** The slot document just seen names no holder: a slot was freed, by any server. */
        void slotFreed();

        void slotDeleted(String id);

        /** A record document, new or changed. */
        void recordSeen(String id);
    }

    private final Store store;
    private final Listener listener;
    private volatile Feed feed;

    public Changes(Store store, Listener listener) {
        this.store = requireNonNull(store, "store is null");
        this.listener = requireNonNull(listener, "listener is null");
    }

    /** Reads every node document as it is now, each as if seen in the feed. */
    public void readNodes() {
        store.withIdPrefix(NodeName.DOCUMENT_ID_PREFIX).forEach(this::onNodeDocument);
    }

    /** Follows the changes from {@code since} on, on the feed's own thread. */
    public void follow(ChangeToken since) {
        feed = store.follow(since, this::onChange);
    }

    /** The changes feed it follows, once {@link #follow} was called; empty before and after {@link #close}. */
    public Optional<Feed> feed() {
        return Optional.ofNullable(feed);
    }

    @Override
    public void close() {
        Feed following = feed;
        feed = null;
        if (following != null) {
            try {
                following.close();
            } catch (Exception e) {
                log.debug("closing the changes feed", e);
            }
        }
    }

    private void onChange(StoreChange change) {
        try {
            if (change.id().startsWith(Slots.PREFIX)) {
                if (change.deleted()) {
                    listener.slotDeleted(change.id());
                } else {
                    change.document().ifPresent(doc -> {
                        listener.slotSeen(doc);
                        if (!doc.has("server")) {
                            listener.slotFreed();
                        }
                    });
                }
            } else if (change.id().startsWith(NodeName.DOCUMENT_ID_PREFIX)) {
                if (change.deleted()) {
                    NodeName.fromDocumentId(change.id()).ifPresent(listener::nodeDeleted);
                } else {
                    change.document().ifPresent(this::onNodeDocument);
                }
            } else if (change.deleted()) {
                listener.taskDeleted(change.id());
            } else {
                change.document().ifPresent(doc -> {
                    String type = doc.string("type").orElse("");
                    if (Task.TYPE.equals(type)) {
                        listener.taskSeen(doc);
                    } else if ("record".equals(type)) {
                        listener.recordSeen(change.id());
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("skipping change of document {}: {}", change.id(), e.getMessage());
        }
    }

    private void onNodeDocument(JsonObject document) {
        if (Node.validate(document).isEmpty()) {
            listener.nodeSeen(Node.fromJson(document));
        } else {
            log.warn("ignoring node document {}: {}", document.id().orElse(""), Node.validate(document));
        }
    }
}
