package dirt.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The agent's protocol loop: reads one JSON request per line from standard input and writes one JSON response per
 * line to standard output, until {@code shutdown} or the end of the input. The contract is {@code PROTOCOL.md} in
 * this module.
 *
 * <p>Cheap ops are answered in order on the reading thread; {@linkplain Operation#concurrent() concurrent} ones run on
 * worker threads and are answered when they finish, so responses may come out of order. A bad line or a failing op
 * gets an error response, never ends the loop.
 */
final class AgentServer {
    /** The version of the protocol in {@code PROTOCOL.md}; {@code hello} reports it. */
    static final int PROTOCOL = 1;
    /** Longer request lines are refused (and skipped). */
    static final int MAX_LINE_BYTES = 64 * 1024 * 1024;
    static final String SHUTDOWN = "shutdown";

    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final Consumer<String> log;

    /**
     * A server answering {@code operations}, plus the built-in {@code hello} (which lists them) and {@code shutdown}.
     *
     * @param log takes the agent's log lines (standard error)
     */
    AgentServer(List<Operation> operations, Consumer<String> log) {
        this.log = log;
        List<String> names = new ArrayList<>();
        names.add(HelloOp.NAME);
        operations.forEach(operation -> names.add(operation.name()));
        names.add(SHUTDOWN);
        List<Operation> all = new ArrayList<>();
        all.add(new HelloOp(names));
        all.addAll(operations);
        for (Operation operation : all) {
            if (operation.name().equals(SHUTDOWN) || this.operations.put(operation.name(), operation) != null) {
                throw new IllegalArgumentException("op \"" + operation.name() + "\" is defined twice");
            }
        }
    }

    /**
     * The agent's ops: {@code hello}, {@code ping}, {@code probe}, {@code has_file}, {@code put_file}, {@code run},
     * {@code cancel}, {@code sample}, {@code shutdown}.
     *
     * @param folder the agent's folder (the node's cache folder): shipped files go there, runs under {@code work/}
     * @throws OperationException when other users may write to the folder and that cannot be changed
     */
    static AgentServer standard(Facts facts, Path folder, Clock clock, Limits limits, Consumer<String> log) {
        FileCache cache = new FileCache(folder);
        cache.requirePrivate();
        Runs runs = new Runs();
        return new AgentServer(List.of(new PingOp(), new ProbeOp(facts), new HasFileOp(cache), new PutFileOp(cache),
                new RunOp(cache, runs, clock, limits, log), new CancelOp(runs),
                new SampleOp(folder.resolve(RunOp.WORK))), log);
    }

    /**
     * Serves requests from {@code in}, answering on {@code out}, until {@code shutdown} or the end of {@code in}.
     *
     * @return the exit code: 0 after shutdown or the end of the input, 1 if reading failed
     */
    int serve(InputStream in, OutputStream out) {
        Session session = new Session(new ResponseWriter(out, log));
        LineReader lines = new LineReader(in, MAX_LINE_BYTES);
        try {
            while (true) {
                LineReader.Line line = lines.next();
                if (line == null) {
                    log.accept("stdin closed: exiting");
                    return 0;
                }
                if (!session.accept(line)) {
                    return 0;
                }
            }
        } catch (IOException e) {
            log.accept("cannot read requests from stdin, exiting: " + e);
            return 1;
        } finally {
            closeOperations();
            session.end();
        }
    }

    /**
     * Lets every op stop what still runs (see {@link Operation#close()}): at the end of {@link #serve}, and when the
     * agent's JVM is asked to exit (SIGTERM). Safe to call more than once.
     */
    void closeOperations() {
        operations.values().forEach(Operation::close);
    }

    /** The state of one {@link #serve} call: the workers and the requests they have not answered yet. */
    private final class Session {
        private final ResponseWriter writer;
        private final ExecutorService workers = Executors.newCachedThreadPool(daemonThreads());
        private final Map<Long, Object> inFlight = new ConcurrentHashMap<>();
        private long sequence;

        Session(ResponseWriter writer) {
            this.writer = writer;
        }

        /** Handles one line; false when it was {@code shutdown}. */
        boolean accept(LineReader.Line line) {
            if (line.tooLong()) {
                writer.write(Responses.error(Request.leadingId(line.text()), String.format(
                        "request line longer than %d bytes, skipped — send large content in chunks", MAX_LINE_BYTES)));
                return true;
            }
            if (line.text().isBlank()) {
                return true;
            }
            Request request;
            try {
                request = Request.parse(line.text());
            } catch (Request.BadRequestException e) {
                log.accept(e.getMessage());
                writer.write(Responses.error(e.id(), e.getMessage()));
                return true;
            }
            if (request.op().equals(SHUTDOWN)) {
                shutdown(request);
                return false;
            }
            dispatch(request);
            return true;
        }

        private void dispatch(Request request) {
            Operation operation = operations.get(request.op());
            if (operation == null) {
                writer.write(Responses.error(request.id(), String.format(
                        "unknown op \"%s\" — this agent (dirt-agent %s, protocol %d) knows %s",
                        request.op(), Main.version(), PROTOCOL, knownOps())));
            } else if (!operation.concurrent()) {
                writer.write(Responses.answer(operation, request, log));
            } else {
                long key = sequence++;
                inFlight.put(key, request.id());
                workers.execute(() -> {
                    Map<String, Object> response = Responses.answer(operation, request, log);
                    if (inFlight.remove(key) != null) {
                        writer.write(response);
                    }
                });
            }
        }

        private void shutdown(Request request) {
            log.accept("shutdown requested: exiting");
            for (Long key : inFlight.keySet()) {
                Object id = inFlight.remove(key);
                if (id != null) {
                    writer.write(Responses.error(id, "the agent shut down before answering: shutdown was"
                            + " requested while this request ran"));
                }
            }
            writer.write(Responses.ok(request.id(), Map.of()));
        }

        void end() {
            workers.shutdownNow();
            writer.close();
        }
    }

    private String knownOps() {
        List<String> names = new ArrayList<>(operations.keySet());
        names.add(SHUTDOWN);
        return String.join(", ", names);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "dirt-agent-op-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
