/**
 * How dirt sends a webhook, as its own types: {@link dirt.webhook.WebhookClient} with its request and response.
 * {@code dirt.notify} posts through one passed in; {@code dirt.store.couch.HttpWebhookClient} sends over
 * {@code java.net.http}. A package of its own so that neither of the two depends on the other.
 */
package dirt.webhook;
