/**
 * Retention: what a database that runs for months lets go. {@link dirt.retention.Retention} is the rule, pure and
 * in controllable time: from every record with a summary of its tasks, it decides which records go (with their tasks
 * and broadcast node runs) and which passed runs lose their files, and why the others stay.
 * {@link dirt.retention.Pruner} reads those summaries through a view, writes the deletions with {@code _bulk_docs} in
 * bounded batches and asks for compaction; {@link dirt.retention.DailyPrune} runs it once a day inside
 * {@code dirt serve}, claimed by one server of those sharing the database.
 */
package dirt.retention;
