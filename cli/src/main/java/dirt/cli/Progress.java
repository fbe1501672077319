package dirt.cli;

import dirt.task.TaskStatus;
import dirt.task.TaskTally;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * How {@code dirt wait} shows progress: a progress bar on a terminal, otherwise a plain line whenever the counts
 * change (for CI logs and pipes).
 */
interface Progress extends AutoCloseable {
    void update(TaskTally tally);

    /** Says why the tasks left wait, when nothing moved for a while (each reason once, until it changes). */
    void stalled(List<String> reasons);

    @Override
    void close();

    /** A bar on {@code terminal} when there is one, else plain lines on {@code out}; {@code label} names what is awaited. */
    static Progress of(String label, PrintStream terminal, PrintWriter out) {
        return terminal != null ? new Bar(label, terminal) : new Lines(label, out);
    }

    /** {@code r123: 3/5 done, 1 failed, 1 running} ({@code , 1 cancelled} when one was), printed when it changes. */
    static String line(String label, TaskTally tally) {
        return String.format("%s%d/%d done, %s", label.isEmpty() ? "" : label + ": ", tally.done(), tally.total(),
                counts(tally));
    }

    /** {@code 1 failed, 1 running}, and the cancelled ones when there are any: they neither passed nor failed. */
    private static String counts(TaskTally tally) {
        int cancelled = tally.count(TaskStatus.CANCELLED);
        return String.format("%d failed, %d running%s", tally.count(TaskStatus.FAILED),
                tally.count(TaskStatus.RUNNING), cancelled == 0 ? "" : ", " + cancelled + " cancelled");
    }

    /** Plain lines, one per change of the counts. */
    final class Lines implements Progress {
        private final String label;
        private final PrintWriter out;
        private String last = "";

        Lines(String label, PrintWriter out) {
            this.label = label;
            this.out = out;
        }

        @Override
        public void update(TaskTally tally) {
            String line = line(label, tally);
            if (!line.equals(last)) {
                out.println(line);
                out.flush();
                last = line;
            }
        }

        @Override
        public void stalled(List<String> reasons) {
            reasons.forEach(reason -> out.println("  still waiting: " + reason));
            out.flush();
        }

        @Override
        public void close() {}
    }

    /** A progress bar (me.tongfei:progressbar) of completed tasks, with failures and running tasks beside it. */
    final class Bar implements Progress {
        private final ProgressBar bar;

        Bar(String label, PrintStream terminal) {
            this.bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(0).setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(terminal)).continuousUpdate().build();
        }

        @Override
        public void update(TaskTally tally) {
            bar.maxHint(tally.total());
            bar.stepTo(tally.done());
            bar.setExtraMessage(counts(tally));
        }

        @Override
        public void stalled(List<String> reasons) {
            if (!reasons.isEmpty()) {
                bar.setExtraMessage("still waiting: " + reasons.get(0) + (reasons.size() > 1
                        ? " (and " + (reasons.size() - 1) + " more)" : ""));
            }
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
