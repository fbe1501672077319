package dirt.store.couch;

import dirt.json.InvalidJsonException;
import dirt.json.Json;
import dirt.json.JsonNull;
import dirt.json.JsonObject;
import dirt.store.StoreException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection at a time to {@code _changes?feed=continuous}: connects, reads lines until the server ends the
 * feed or stays silent for twice the heartbeat, and reports rows to a {@link Listener}. {@link ChangesFeed} runs it
 * in a loop.
 */
final class ContinuousChanges {
    private static final Logger log = LoggerFactory.getLogger(ChangesFeed.class);

    /** How a connection ended without an error. */
    enum End { SERVER_CLOSED, SILENT }

    interface Listener {
        void connected();

        void change(Change change);

        void lastSeq(Seq seq);

        /**
         * Whether the reader waits for the next line with nothing left to hand over ({@code true}), or has one again
         * ({@code false}).
         */
        default void waiting(boolean waiting) {
        }
    }

    private final CouchHttp http;
    private final CouchDatabase database;
    private final ChangesQuery query;
    private volatile Lines current;

    ContinuousChanges(CouchHttp http, CouchDatabase database, ChangesQuery query) {
        this.http = http;
        this.database = database;
        this.query = query;
    }

    String databaseName() {
        return database.name();
    }

    /** The seq to start from: the query's, with {@link Seq#NOW} pinned to the database's current seq. */
    Seq start() {
        return Seq.NOW.equals(query.since()) ? database.info().updateSeq() : query.since();
    }

    /** Streams changes after {@code from} until the feed ends; throws {@link StoreException} when it fails. */
    End stream(Seq from, Listener listener) throws InterruptedException {
        String target = database.path() + "/_changes" + Urls.query(query.parameters("continuous", from));
        HttpRequest request = http.request(target, CouchHttp.JSON).GET().build();
        Lines lines = new Lines();
        CompletableFuture<HttpResponse.ResponseInfo> headers = new CompletableFuture<>();
        CompletableFuture<byte[]> errorBody = new CompletableFuture<>();
        BodyHandler<Void> handler = info -> {
            headers.complete(info);
            if (info.statusCode() == 200) {
                return BodySubscribers.fromLineSubscriber(lines);
            }
            return BodySubscribers.mapping(BodySubscribers.ofByteArray(), bytes -> {
                errorBody.complete(bytes);
                return null;
            });
        };
        current = lines;
        CompletableFuture<HttpResponse<Void>> exchange = http.client().sendAsync(request, handler);
        try {
            int status = awaitHeaders(headers, exchange, target);
            if (status != 200) {
                throw failure(target, status, errorBody);
            }
            log.debug("changes feed of db=\"{}\" connected since={}", database.name(), from);
            listener.connected();
            return read(lines, listener);
        } finally {
            current = null;
            lines.cancel();
            exchange.cancel(true);
        }
    }

    /** Ends the current connection, if any, from another thread. */
    void abort() {
        Lines lines = current;
        if (lines != null) {
            lines.cancel();
        }
    }

    /**
     * Waits for the answer's headers. Some servers (pouchdb-server) send them only with the first heartbeat, so the
     * wait covers two heartbeats as well as the usual connect and request timeouts.
     */
    private int awaitHeaders(CompletableFuture<HttpResponse.ResponseInfo> headers,
                             CompletableFuture<HttpResponse<Void>> exchange, String target)
            throws InterruptedException {
        Duration limit = http.config().connectTimeout().plus(http.config().requestTimeout());
        Duration heartbeats = http.config().connectTimeout().plus(query.heartbeat().multipliedBy(2));
        if (heartbeats.compareTo(limit) > 0) {
            limit = heartbeats;
        }
        try {
            CompletableFuture.anyOf(headers, exchange).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw transport(e.getCause(), target);
        } catch (TimeoutException e) {
            throw new StoreException("CouchDB did not answer the changes request in time: db=\"" + database.name()
                    + "\" url=\"" + http.config().displayUrl() + "\" timeout=" + limit.toMillis()
                    + "ms — check that the server is not overloaded");
        }
        if (!headers.isDone()) {
            throw new StoreException("CouchDB ended the changes request without an answer: db=\""
                    + database.name() + "\" url=\"" + http.config().displayUrl() + "\"");
        }
        return headers.join().statusCode();
    }

    private StoreException transport(Throwable cause, String target) {
        if (cause instanceof IOException io) {
            return CouchErrors.transport(http.config(), "GET", target, http.config().requestTimeout(), io);
        }
        if (cause instanceof CancellationException) {
            return new StoreException("changes request cancelled: db=\"" + database.name() + "\"", cause);
        }
        return new StoreException("changes request failed: db=\"" + database.name() + "\" cause=\"" + cause + "\"",
                cause);
    }

    private StoreException failure(String target, int status, CompletableFuture<byte[]> errorBody)
            throws InterruptedException {
        byte[] body;
        try {
            body = errorBody.get(http.config().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            body = new byte[0];
        }
        CouchHttp.Response response = new CouchHttp.Response(status, null, body);
        if (status == 404) {
            database.requireDatabase();
        }
        return CouchErrors.status(http.config(), "GET", target, response);
    }

    private End read(Lines lines, Listener listener) throws InterruptedException {
        long silentMillis = query.heartbeat().toMillis() * 2;
        while (true) {
            Object item = lines.next();
            if (item == null) {
                listener.waiting(true);
                try {
                    item = lines.next(silentMillis);
                } finally {
                    listener.waiting(false);
                }
            }
            if (item == null) {
                return End.SILENT;
            }
            if (item == Lines.END) {
                return End.SERVER_CLOSED;
            }
            if (item instanceof Throwable failure) {
                throw failure instanceof IOException io ? CouchErrors.unreachable(http.config(), io)
                        : new StoreException("changes feed broke: db=\"" + database.name() + "\"", failure);
            }
            String line = (String) item;
            if (!line.isBlank() && row(line, listener)) {
                return End.SERVER_CLOSED;
            }
        }
    }

    /** Handles one non-empty line; returns whether it was the closing {@code last_seq} line. */
    private boolean row(String line, Listener listener) {
        JsonObject row;
        try {
            row = Json.parseObject(line);
        } catch (InvalidJsonException e) {
            log.warn("changes feed of db=\"{}\" skipped a line that is not a JSON object: {}", database.name(),
                    line.length() > 200 ? line.substring(0, 200) + "…" : line);
            return false;
        }
        if (present(row, "last_seq")) {
            listener.lastSeq(Seq.of(row.get("last_seq").get()));
            return true;
        }
        if (present(row, "seq") && present(row, "id")) {
            Change change;
            try {
                change = Change.from(row);
            } catch (IllegalArgumentException e) {
                log.warn("changes feed of db=\"{}\" skipped a row it cannot read: {} ({})", database.name(),
                        line.length() > 200 ? line.substring(0, 200) + "…" : line, e.getMessage());
                return false;
            }
            listener.change(change);
        } else if (row.has("error")) {
            throw new StoreException("changes feed reported an error: db=\"" + database.name() + "\" error=\""
                    + text(row, "error") + "\" reason=\"" + text(row, "reason") + "\"");
        }
        return false;
    }

    private static boolean present(JsonObject row, String field) {
        return row.get(field).filter(value -> value != JsonNull.NULL).isPresent();
    }

    /** The field as text: a string as is, another value as its JSON, nothing when missing or null. */
    private static String text(JsonObject row, String field) {
        return row.get(field).filter(value -> value != JsonNull.NULL)
                .map(value -> row.string(field).orElseGet(() -> Json.write(value))).orElse("");
    }

    /**
     * Receives the body's lines from the HTTP client and queues them, with END or the failure last. It asks for at
     * most {@link #WINDOW} lines ahead of the reader, so that a reader slower than the feed (serve taking in 100,000
     * tasks) leaves the rest in the connection instead of in memory.
     */
    private static final class Lines implements Flow.Subscriber<String> {
        static final Object END = new Object();
        static final int WINDOW = 1_000;
        private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            if (cancelled) {
                subscription.cancel();
            } else {
                subscription.request(WINDOW);
            }
        }

        /** The next line, END or failure, or null when none is queued. */
        Object next() {
            return taken(queue.poll());
        }

        /** The next line, END or failure, waiting up to {@code millis}; null when none came. */
        Object next(long millis) throws InterruptedException {
            return taken(queue.poll(millis, TimeUnit.MILLISECONDS));
        }

        private Object taken(Object item) {
            Flow.Subscription current = subscription;
            if (item instanceof String && current != null) {
                current.request(1);
            }
            return item;
        }

        @Override
        public void onNext(String line) {
            queue.add(line);
        }

        @Override
        public void onError(Throwable failure) {
            queue.add(failure);
        }

        @Override
        public void onComplete() {
            queue.add(END);
        }

        void cancel() {
            cancelled = true;
            Flow.Subscription current = subscription;
            if (current != null) {
                current.cancel();
            }
            queue.add(END);
        }
    }
}
