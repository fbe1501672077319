package dirt.cli;

import dirt.DirtException;
import dirt.config.ConfigException;
import dirt.store.StoreException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Prints the failure as one line (the stack trace only with --verbose) and maps it to an exit code. */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
        var err = cli.getErr();
        boolean verbose = isVerbose(parsed);
        if (e instanceof DirtException) {
            err.println("dirt: " + e.getMessage());
        } else {
            err.println("dirt: internal error: " + e + (verbose ? "" : " (run again with --verbose for details)"));
        }
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode(e);
    }

    static int exitCode(Exception e) {
        if (e instanceof StoreException) {
            return ExitCodes.STORE;
        }
        if (e instanceof ConfigException) {
            return ExitCodes.SETTINGS;
        }
        if (e instanceof DirtException) {
            return ExitCodes.FAILED;
        }
        return ExitCodes.INTERNAL;
    }

    /** Whether {@code --verbose} was given, to the command or any of its subcommands. */
    static boolean isVerbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
