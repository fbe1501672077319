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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection at a time to {@code _changes?feed=continuous}: connects, reads lines until the server ends the
 * feed or sends no byte for twice the heartbeat (a long line that is still arriving keeps the connection alive), and
 * reports rows to a {@link Listener}. A row longer than {@link #MAX_LINE} is skipped with a warning naming its id.
 * {@link ChangesFeed} runs it in a loop.
 */
final class ContinuousChanges {
    private static final Logger log = LoggerFactory.getLogger(ChangesFeed.class);

    /**
     * The longest line kept, in bytes: an eighth of the heap, at most 128 MiB. Reading a line takes a few times its
     * size (the bytes, then the parsed document), so a longer one is skipped with a warning rather than let it take
     * serve's memory.
     */
    static final int MAX_LINE = (int) Math.min(128L << 20, Runtime.getRuntime().maxMemory() / 8);

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
    private final int maxLine;
    private volatile FeedLines current;

    ContinuousChanges(CouchHttp http, CouchDatabase database, ChangesQuery query) {
        this(http, database, query, MAX_LINE);
    }

    /** A reader that skips lines of more than {@code maxLine} bytes (tests use a small limit). */
    ContinuousChanges(CouchHttp http, CouchDatabase database, ChangesQuery query, int maxLine) {
        this.http = http;
        this.database = database;
        this.query = query;
        this.maxLine = maxLine;
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
        FeedLines lines = new FeedLines(maxLine);
        CompletableFuture<HttpResponse.ResponseInfo> headers = new CompletableFuture<>();
        CompletableFuture<byte[]> errorBody = new CompletableFuture<>();
        BodyHandler<Void> handler = info -> {
            headers.complete(info);
            if (info.statusCode() == 200) {
                return BodySubscribers.fromSubscriber(lines);
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
        FeedLines lines = current;
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

    private End read(FeedLines lines, Listener listener) throws InterruptedException {
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
            if (item == FeedLines.END) {
                return End.SERVER_CLOSED;
            }
            if (item instanceof Throwable failure) {
                throw failure instanceof IOException io ? CouchErrors.unreachable(http.config(), io)
                        : new StoreException("changes feed broke: db=\"" + database.name() + "\"", failure);
            }
            if (item instanceof OverlongLine overlong) {
                skip(overlong, listener);
            } else if (row((byte[]) item, listener)) {
                return End.SERVER_CLOSED;
            }
        }
    }

    /**
     * Goes past a line too long to keep: the change is not delivered, and the feed goes on from its seq (when the line
     * names it) so that a reconnect does not read it again.
     */
    private void skip(OverlongLine line, Listener listener) {
        log.warn("changes feed of db=\"{}\" skipped the change of id=\"{}\" seq={}: its line has {} bytes, over the"
                + " limit of {} bytes — make the document smaller, or give serve a larger heap (-Xmx in"
                + " DIRT_JAVA_OPTS; the limit is an eighth of the heap, at most 128 MiB)", database.name(),
                line.id().orElse("?"), line.seq().map(Seq::parameter).orElse("?"), line.length(), maxLine);
        line.seq().ifPresent(listener::lastSeq);
    }

    /** Handles one non-empty line; returns whether it was the closing {@code last_seq} line. */
    private boolean row(byte[] line, Listener listener) {
        JsonObject row;
        try {
            row = Json.parseObject(line);
        } catch (InvalidJsonException e) {
            log.warn("changes feed of db=\"{}\" skipped a line that is not a JSON object: {} ({})", database.name(),
                    preview(line), e.getMessage());
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
                        preview(line), e.getMessage());
                return false;
            }
            listener.change(change);
        } else if (row.has("error")) {
            throw new StoreException("changes feed reported an error: db=\"" + database.name() + "\" error=\""
                    + text(row, "error") + "\" reason=\"" + text(row, "reason") + "\"");
        }
        return false;
    }

    /** The line's first 200 bytes as text, for messages. */
    private static String preview(byte[] line) {
        return line.length > 200 ? new String(line, 0, 200, StandardCharsets.UTF_8) + "…"
                : new String(line, StandardCharsets.UTF_8);
    }

    private static boolean present(JsonObject row, String field) {
        return row.get(field).filter(value -> value != JsonNull.NULL).isPresent();
    }

    /** The field as text: a string as is, another value as its JSON, nothing when missing or null. */
    private static String text(JsonObject row, String field) {
        return row.get(field).filter(value -> value != JsonNull.NULL)
                .map(value -> row.string(field).orElseGet(() -> Json.write(value))).orElse("");
    }
}
