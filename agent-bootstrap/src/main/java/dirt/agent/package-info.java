/**
 * dirt's agent: the small jar that runs on a node as a long-lived process, answering requests on standard input and
 * output ({@code PROTOCOL.md} in this module is the contract): {@link dirt.agent.Main} is the command line,
 * {@code AgentServer} the protocol loop, one {@code Operation} class per op, {@code Facts} what {@code probe} reports.
 * {@code FileCache} holds the files dirt ships ({@code has_file}, {@code put_file}); {@code RunOp} runs a task in a
 * fresh folder — a Java task with {@link dirt.agent.TaskRunner} ({@code JavaTask}), or a shell command
 * ({@code CommandTask}, its output captured by {@code Capture}, its processes ended by {@code ProcessTree}) — and
 * sends back its result and files within {@code Limits} ({@code Attachments}); {@code Runs} lets {@code cancel} and
 * the end of the agent stop runs. JDK only; the task API is shaded into the jar.
 */
package dirt.agent;
