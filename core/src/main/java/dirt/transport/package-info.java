/**
 * Reaching nodes. A {@link dirt.transport.NodeTransport} starts dirt's agent on a node (over SSH, or as a local child
 * process) and gives back an {@link dirt.transport.AgentChannel}; {@link dirt.transport.AgentClient} speaks the
 * agent's protocol over it. Third-party SSH types never leave {@code dirt.transport.ssh}.
 */
package dirt.transport;
