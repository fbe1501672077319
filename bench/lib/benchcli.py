"""The command line both bench modules share: `python3 MODULE.py COMMAND ARGS...`, checked against each command's
parameters before it runs, with a usage line when they do not fit."""
import inspect
import sys


def run(program, commands, argv):
    """Runs COMMAND ARGS... (argv without the program) from commands {name: (function, usage)}; returns its exit
    code, 2 with a usage message for an unknown command or arguments that do not fit."""
    if not argv or argv[0] not in commands:
        print("usage: %s COMMAND ARGS...; commands:\n" % program + "\n".join(
            "  %s %s" % (name, usage) for name, (_, usage) in commands.items()), file=sys.stderr)
        return 2
    function, usage = commands[argv[0]]
    try:
        inspect.signature(function).bind(*argv[1:])
    except TypeError:
        print("usage: %s %s %s" % (program, argv[0], usage), file=sys.stderr)
        return 2
    return function(*argv[1:])
