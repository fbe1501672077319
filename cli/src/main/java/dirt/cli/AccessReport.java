package dirt.cli;

import dirt.store.Database;
import dirt.web.Access;

/** Sets up who may use a project's database ({@link Access#ensure}) and says what that means, for create and push. */
final class AccessReport {
    private AccessReport() {}

    static void ensure(CliContext cli, Database db) {
        var outcome = Access.ensure(db);
        if (outcome.problem().isPresent()) {
            cli.err().println("dirt: warning: " + outcome.problem().get());
            return;
        }
        cli.out().printf(outcome.changed() ? "Opened database \"%s\" to users with these roles (its _security):%n"
                : "Database \"%s\" is open to users with these roles (its _security):%n", db.name());
        Access.describe().forEach(cli.out()::println);
        if (db.writableByAnyone()) {
            cli.out().println("  but this server lets anyone write without credentials (an admin party or a public"
                    + " database): the roles hold only for users who sign in — see README, Security");
        } else {
            cli.out().println("  Give each person a CouchDB user with one of them (README, Security).");
        }
    }
}
