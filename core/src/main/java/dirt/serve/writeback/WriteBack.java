package dirt.serve.writeback;

import dirt.json.Json;
import dirt.json.JsonObject;
import dirt.store.Store;
import dirt.store.Written;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the writes about runs (results, retries, hand-backs): the writes asked for while one batch is on
 * its way to the database go together in the next, as one read of their current documents and one
 * {@code _bulk_docs}. Nothing waits for company: an idle server writes a lone result at once. A write the batch
 * cannot finish cleanly (the document is gone or changed meanwhile, the change declines the current revision, the
 * inline attachments are large) is handed back to the caller, which writes it on its own as before; nothing is
 * reported stored before CouchDB said so.
 */
final class WriteBack {
    private static final Logger log = LoggerFactory.getLogger(WriteBack.class);
    static final int MAX_BATCH = 100;
    /** Inline attachment data (base64 characters) above which a document is written on its own. */
    static final long MAX_INLINE = 512 * 1024;

    private record Item(String id, Optional<JsonObject> guess, UnaryOperator<JsonObject> change,
            CompletableFuture<Optional<JsonObject>> done) {}

    private final Store store;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Thread thread;

    WriteBack(Store store) {
        this.store = store;
        this.thread = new Thread(this::run, "dirt-write-back");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Applies {@code change} to the task's current document and stores it along with other writes; the stored
     * document, or empty when the batch could not do it cleanly and the caller must write it on its own. With a
     * {@code guess} of the current document (the revision this server's claim wrote), the batch writes onto it without
     * reading first; when the guess is stale, the write conflicts and the caller writes on its own.
     *
     * @throws dirt.store.StoreException as a single write would, e.g. when the database cannot be reached
     */
    Optional<JsonObject> write(String id, Optional<JsonObject> guess, UnaryOperator<JsonObject> change)
            throws InterruptedException {
        Item item = new Item(id, guess, change, new CompletableFuture<>());
        queue.add(item);
        try {
            return item.done().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    void stop() {
        thread.interrupt();
    }

    private void run() {
        List<Item> batch = new ArrayList<>();
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, MAX_BATCH - 1);
                flush(batch);
                batch.clear();
            }
        } catch (InterruptedException e) {
            batch.addAll(queue);
            queue.clear();
            batch.forEach(item -> item.done().complete(Optional.empty()));
        }
    }

    private void flush(List<Item> batch) {
        Map<String, JsonObject> current;
        try {
            current = new HashMap<>(store.getAll(batch.stream().filter(item -> item.guess().isEmpty())
                    .map(Item::id).distinct().toList()));
        } catch (RuntimeException e) {
            batch.forEach(item -> item.done().completeExceptionally(e));
            return;
        }
        batch.forEach(item -> item.guess().ifPresent(guess -> current.putIfAbsent(item.id(), guess)));
        List<Item> writing = new ArrayList<>();
        List<JsonObject> docs = new ArrayList<>();
        for (Item item : batch) {
            JsonObject doc = current.remove(item.id()); // a second write onto one document goes on its own
            JsonObject updated = doc == null ? null : apply(item, doc);
            if (updated == null || inlineBytes(updated) > MAX_INLINE) {
                item.done().complete(Optional.empty());
            } else {
                writing.add(item);
                docs.add(updated);
            }
        }
        List<Written> results;
        try {
            results = store.putAll(docs);
        } catch (RuntimeException e) {
            writing.forEach(item -> item.done().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < writing.size(); i++) {
            Written result = results.get(i);
            JsonObject doc = docs.get(i);
            writing.get(i).done().complete(result.rev().map(rev -> doc.with("_rev", rev)));
        }
    }

    private static JsonObject apply(Item item, JsonObject doc) {
        try {
            return item.change().apply(doc);
        } catch (RuntimeException e) {
            log.warn("write onto task {} failed in a batch; writing it on its own: {}", item.id(), e.toString());
            return null;
        }
    }

    private static long inlineBytes(JsonObject doc) {
        long bytes = 0;
        for (Json attachment : doc.object("_attachments").orElse(JsonObject.EMPTY).fields().values()) {
            if (attachment instanceof JsonObject file) {
                bytes += file.string("data").orElse("").length();
            }
        }
        return bytes;
    }
}
