package dirt.webhook;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends a webhook: one HTTP POST and its answer. {@code dirt.notify} posts through it; the implementation over
 * {@code java.net.http} is {@code dirt.store.couch.HttpWebhookClient}, since only that package speaks HTTP.
 */
public interface WebhookClient {
    /**
     * POSTs {@code request} and returns the answer, whatever its status.
     *
     * @throws IOException when no answer came: the receiver is unreachable, refused the connection or timed out
     */
    Response post(Request request) throws IOException, InterruptedException;

    /** A POST of {@code body} to {@code url} with {@code headers} (in this order), answered within {@code timeout}. */
    record Request(URI url, Map<String, String> headers, byte[] body, Duration timeout) {
        public Request {
            requireNonNull(url, "url is null");
            requireNonNull(body, "body is null");
            requireNonNull(timeout, "timeout is null");
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(headers, "headers is null")));
            body = body.clone();
        }

        /** A copy of the body. */
        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /** The receiver's answer: its status code and its body as text. */
    record Response(int status, String body) {
        public Response {
            requireNonNull(body, "body is null");
        }
    }
}
