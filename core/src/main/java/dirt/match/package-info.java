/**
 * Task requirements: lines such as {@code "architecture is x86_64"} or {@code "G4INSTALL in environ"} in a task's
 * {@code requires} list, parsed into {@link dirt.match.Requirement}s and matched against nodes' facts by
 * {@link dirt.match.Matcher}. {@link dirt.match.Matcher#place} says where a task can run now: on some nodes
 * ({@link dirt.match.Placement.Ready}), nowhere yet ({@link dirt.match.WaitReason}, written onto the task), or
 * nowhere ever, because a requirement names a fact no node has ({@link dirt.match.UnknownKey}, the task fails).
 */
package dirt.match;
