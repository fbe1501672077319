/**
 * Reaching this machine as a node: {@link dirt.transport.local.LocalTransport} runs dirt's agent as a child process
 * with the current JDK, for {@code dirt updatenodes --local} and the quickstart's local node.
 */
package dirt.transport.local;
