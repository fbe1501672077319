/**
 * Reaching nodes over SSH with JSch (the maintained fork), the only package that imports JSch types.
 * {@link dirt.transport.ssh.SshTransport} resolves a host alias through the OpenSSH client config, verifies the host
 * key against known_hosts, authenticates with keys (files, and ssh-agent when asked), then starts dirt's agent on the
 * node over one SSH session: it uploads the agent jar into the node's cache folder when missing and runs it with the
 * node's {@code java}.
 */
package dirt.transport.ssh;
