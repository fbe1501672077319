/**
 * Notifications about task results: {@link dirt.notify.Notifier} follows the database's changes next to
 * {@code dirt serve}, decides per task name whether a completion is worth a message ({@code [notify]} in the
 * settings: failure, recovery, completion, nospam, record summaries), claims it on the task document so that it is
 * sent once, and sends it by email, webhook and the console, retrying a failing channel with backoff.
 */
package dirt.notify;
