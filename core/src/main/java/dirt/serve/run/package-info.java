/**
 * Serve's fourth step (feed → backlog → claim → <b>run</b> → writeback): runs each claimed task on its node through
 * the node's agent ({@link dirt.serve.run.Execution}, over one {@link dirt.serve.run.NodeSessions} login per node) and
 * hands the outcome to writeback. It also keeps what serve learns of the nodes as it runs on them: which are down,
 * their health and samples, and the marks written on their documents.
 */
package dirt.serve.run;
