/**
 * Records: the thing tasks operate on (a code revision, a data file, …). A record document looks like
 * <pre>{@code {"_id": "r123", "type": "record", "description": "this is revision one two three", "created": 1315347385}}</pre>
 * Every task belongs to exactly one record through its {@code record_id}.
 */
package dirt.record;
