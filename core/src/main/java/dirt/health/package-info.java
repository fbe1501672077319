/**
 * Node health, judged from what the nodes do: {@link dirt.health.Quarantine} finds a node that fails tasks which pass
 * on other nodes, and {@link dirt.health.Samples} keeps a node's recent load, memory and free disk. Pure rules over
 * values; serve feeds them and writes what they decide onto the node documents.
 */
package dirt.health;
