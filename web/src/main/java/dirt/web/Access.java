package dirt.web;

import static java.util.Objects.requireNonNull;

import dirt.json.Json;
import dirt.json.JsonArray;
import dirt.json.JsonObject;
import dirt.json.JsonString;
import dirt.store.Database;
import dirt.store.UnauthorizedException;
import java.util.List;
import java.util.Optional;

/**
 * Who may do what in a project's database. {@code validate_doc_update} (in {@link Site}) checks a writer's roles:
 * {@value #SERVER} (or any admin) writes runs, results, slots and nodes; {@value #SUBMITTER} posts records, tasks
 * and schedules and cancels tasks; {@value #READER} only reads. A CouchDB database lets in only its
 * {@code _security} members and admins, so {@link #ensure} lists those roles there: members with
 * {@value #READER}, {@value #SUBMITTER} or {@value #SERVER}, database admins with {@value #ADMIN}.
 */
public final class Access {
    public static final String READER = "dirt_reader";
    public static final String SUBMITTER = "dirt_submitter";
    public static final String SERVER = "dirt_server";
    public static final String ADMIN = "dirt_admin";
    static final List<String> MEMBER_ROLES = List.of(READER, SUBMITTER, SERVER);

    /** What {@link #ensure} did: whether it changed {@code _security}, or why it could not look. */
    public record Outcome(boolean changed, Optional<String> problem) {
        public Outcome {
            requireNonNull(problem, "problem is null");
        }
    }

    private Access() {}

    /**
     * Adds dirt's roles to {@code db}'s {@code _security}, keeping every name and role already there; leaves it alone
     * when they are listed. Never opens the database to anyone without one of these roles.
     */
    public static Outcome ensure(Database db) {
        JsonObject security;
        try {
            security = db.security();
        } catch (UnauthorizedException e) {
            return new Outcome(false, Optional.of("only a database admin may read or set _security of database \""
                    + db.name() + "\" — ask one to give its members the roles " + String.join(", ", MEMBER_ROLES)
                    + " and its admins the role " + ADMIN + " (README, Security)"));
        }
        JsonObject wanted = addRoles(addRoles(security, "members", MEMBER_ROLES), "admins", List.of(ADMIN));
        if (wanted.equals(security)) {
            return new Outcome(false, Optional.empty());
        }
        db.putSecurity(wanted);
        return new Outcome(true, Optional.empty());
    }

    /** One line per role, for the CLI to print after {@link #ensure}. */
    public static List<String> describe() {
        return List.of(
                "  " + READER + "     reads records, tasks, nodes (the web site)",
                "  " + SUBMITTER + "  also posts records, tasks and schedules, and cancels tasks",
                "  " + SERVER + "     also runs tasks: claims them, writes results, slots and nodes (dirt serve,"
                        + " dirt updatenodes)",
                "  " + ADMIN + "      a database admin: also installs the site's views (dirt push) and sets"
                        + " _security");
    }

    /** {@code security} with {@code roles} listed in its {@code section}, and that section's names a list. */
    private static JsonObject addRoles(JsonObject security, String section, List<String> roles) {
        JsonObject.Builder group = security.object(section).orElse(JsonObject.EMPTY).toBuilder();
        if (!(security.object(section).flatMap(existing -> existing.get("names")).orElse(null) instanceof JsonArray)) {
            group.put("names", JsonArray.EMPTY);
        }
        JsonArray list = security.object(section).flatMap(existing -> existing.array("roles")).orElse(JsonArray.EMPTY);
        for (String role : roles) {
            boolean listed = false;
            for (Json r : list) {
                listed |= r instanceof JsonString name && role.equals(name.value());
            }
            if (!listed) {
                list = list.with(new JsonString(role));
            }
        }
        return security.with(section, group.put("roles", list).build());
    }
}
