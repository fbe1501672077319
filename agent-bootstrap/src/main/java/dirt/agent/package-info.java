/**
 * dirt's agent: the small jar that runs on a node as a long-lived process, answering requests on standard input and
 * output ({@code PROTOCOL.md} in this module is the contract): {@link dirt.agent.Main} is the command line,
 * {@code AgentServer} the protocol loop, one {@code Operation} class per op, {@code Facts} what {@code probe} reports,
 * and {@link dirt.agent.TaskRunner} runs tasks. JDK only; the task API is shaded into the jar.
 */
package dirt.agent;
