/**
 * The API a dirt task implements: {@link dirt.api.Task} takes a {@link dirt.api.TaskContext} and returns a
 * {@link dirt.api.Result}. {@link dirt.api.TaskNames} maps task document names to classes.
 *
 * <p>This module depends on nothing but the JDK: it is all a project's {@code tasks/} need to compile.
 */
package dirt.api;
