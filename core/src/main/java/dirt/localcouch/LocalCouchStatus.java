package dirt.localcouch;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the pid file and the server say.
 *
 * @param state  whether a server runs and answers
 * @param pid    the server's process id, when a pid file names a live server
 * @param url    the server's URL, when the pid file names one
 * @param server which server it is, when the pid file names a live one: {@code pouchdb-server} or
 *               {@code CouchDB 3.5.0 from /opt/couchdb}
 */
public record LocalCouchStatus(State state, OptionalLong pid, Optional<URI> url, Optional<String> server) {
    public enum State {
        /** The process lives and answers {@code GET /}. */
        RUNNING,
        /** The process lives but does not answer (starting, stuck, or the port is taken by another server). */
        NOT_ANSWERING,
        /** No pid file, or its process is gone. */
        STOPPED
    }

    public LocalCouchStatus {
        requireNonNull(state, "state is null");
        requireNonNull(pid, "pid is null");
        requireNonNull(url, "url is null");
        requireNonNull(server, "server is null");
    }

    static LocalCouchStatus stopped() {
        return new LocalCouchStatus(State.STOPPED, OptionalLong.empty(), Optional.empty(), Optional.empty());
    }

    public boolean running() {
        return state == State.RUNNING;
    }

    /** One line for people, e.g. {@code running pid=123 url=http://127.0.0.1:5984 (pouchdb-server)}. */
    public String describe() {
        StringBuilder text = new StringBuilder(state.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        pid.ifPresent(value -> text.append(" pid=").append(value));
        url.ifPresent(value -> text.append(" url=").append(value));
        server.ifPresent(value -> text.append(" (").append(value).append(')'));
        return text.toString();
    }
}
