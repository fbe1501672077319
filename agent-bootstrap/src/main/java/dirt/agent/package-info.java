/**
 * dirt's agent: the small jar that runs on a node as a long-lived process, answering requests on standard input and
 * output ({@code PROTOCOL.md} in this module is the contract): {@link dirt.agent.Main} is the command line,
 * {@code AgentServer} the protocol loop, one {@code Operation} class per op, {@code Facts} what {@code probe} reports.
 * {@code FileCache} holds the files dirt ships ({@code has_file}, {@code put_file}); {@code RunOp} runs a task in a
 * fresh folder — a shell command as a process of its own ({@code CommandTask}, {@code TaskProcess}: its output
 * captured by {@code Capture}, its whole process tree ended by {@code ProcessTree}), or a Java task in a warm worker
 * JVM ({@code JavaTask}, {@code JavaRun}, {@code WorkerPool}, {@code Worker}: its output cut per task by
 * {@code WorkerOutput}), where {@code WorkerMain} runs it with {@link dirt.agent.TaskRunner} and hands the result back
 * through files ({@code JavaHandoff}, {@code TaskLog}), checking that the task left the JVM clean
 * ({@code JvmState}) — and sends back its result and files within {@code Limits} ({@code Attachments}); {@code Runs}
 * lets {@code cancel} and the end of the agent stop runs. Nothing of a task runs inside the agent's JVM. JDK only; the
 * task API is shaded into the jar.
 */
package dirt.agent;
