/**
 * What every CouchDB document type of dirt shares: reading fields while collecting every {@link dirt.document.Problem}
 * at once ({@link dirt.document.DocumentReader}, over the typed reads of {@link dirt.document.JsonFields} that the
 * settings file's tables use too), writing back by copying the original so that fields dirt does not own survive
 * ({@link dirt.document.DocumentWriter}), and the exception thrown when a document cannot be parsed
 * ({@link dirt.document.InvalidDocumentException}). They read and build dirt's own JSON ({@link dirt.json.JsonObject});
 * their methods over Jackson's trees ({@code DocumentReader#objectTree} and the like) are deprecated bridges for the
 * readers not converted yet.
 *
 * <p>Times are stored as epoch seconds, as the original Python dirt did; fractional seconds are accepted on read and
 * written, to the microsecond, only when the instant has a fraction.
 */
package dirt.document;
