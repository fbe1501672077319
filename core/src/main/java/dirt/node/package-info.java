/**
 * Nodes: the machines tasks run on, each added by its SSH host alias and described by the facts probed on it
 * ({@link dirt.node.SysInfo}). A node document is identified by its name: {@code _id} is {@code "node:" + name}
 * (see {@link dirt.node.NodeName#documentId()}).
 */
package dirt.node;
