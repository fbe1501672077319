/**
 * Serve's third step (feed → backlog → <b>claim</b> → run → writeback): takes a free slot of the chosen node and
 * claims the task for this server, each in one {@code _rev}-guarded write per round ({@link dirt.serve.claim.Claims},
 * {@link dirt.serve.claim.Slots}); then keeps those claims honest ({@link dirt.serve.claim.Leases}): renews the leases,
 * sends the runs of dead servers back to waiting, and resolves the conflicts a cluster's races leave behind.
 */
package dirt.serve.claim;
