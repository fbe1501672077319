/**
 * The farm: the nodes there are, as node documents ({@link dirt.farm.NodeRegistry}: register, enable, disable, slots,
 * release), and probing a host over its transport for its facts ({@link dirt.farm.NodeProber}). The node values these
 * work with ({@link dirt.node.Node}, {@link dirt.node.SysInfo}) stay in {@code dirt.node}, which needs no store and no
 * transport, so matching a task to nodes needs neither.
 */
package dirt.farm;
