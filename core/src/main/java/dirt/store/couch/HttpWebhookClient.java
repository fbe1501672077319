package dirt.store.couch;

import dirt.webhook.WebhookClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@link WebhookClient} over {@code java.net.http}: one client that the webhooks of a server share, connecting within
 * 10 seconds and following no redirects (a webhook that moved must be set again).
 */
final class HttpWebhookClient implements WebhookClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public Response post(Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.url()).timeout(request.timeout())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body() == null ? "" : response.body());
    }

    @Override
    public String toString() {
        return "HttpWebhookClient[connectTimeout=" + CONNECT_TIMEOUT + "]";
    }
}
