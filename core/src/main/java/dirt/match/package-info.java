/**
 * Task requirements: lines such as {@code "architecture is x86_64"} or {@code "G4INSTALL in environ"} in a task's
 * {@code requires} list, parsed into {@link dirt.match.Requirement}s. Matching them against a node's facts comes later.
 */
package dirt.match;
