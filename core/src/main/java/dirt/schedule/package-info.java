/**
 * Schedules: records and their tasks created by {@code dirt serve} at the times of a cron expression or a fixed time
 * after the previous run ended. A {@link dirt.schedule.Schedule} is a document ({@code schedule:NAME}) or a
 * {@code [[schedule]]} section of settings.toml; the {@link dirt.schedule.Scheduler} ticks, lets the planner decide
 * (overlap and missed-run rules, in controllable time) and claims each firing with a {@code _rev}-guarded write, so
 * that several servers fire a run once. Only {@link dirt.schedule.Cron} imports cron-utils.
 */
package dirt.schedule;
