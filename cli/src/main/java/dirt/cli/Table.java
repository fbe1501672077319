package dirt.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table: columns padded to their widest cell, the last one left as is. A cell longer than {@value #WIDEST}
 * characters ({@value #WIDEST_LAST} in the last column) is cut with "…", so that one long value (a task name, a
 * description) does not push every row of a table across the screen; {@code --json} prints values whole.
 */
final class Table {
    static final int WIDEST = 60;
    static final int WIDEST_LAST = 500;

    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header.clone());
    }

    Table row(String... cells) {
        if (cells.length != rows.get(0).length) {
            throw new IllegalArgumentException("expected " + rows.get(0).length + " cells, got " + cells.length);
        }
        String[] cut = cells.clone();
        for (int i = 0; i < cut.length; i++) {
            cut[i] = cut(cut[i], i == cut.length - 1 ? WIDEST_LAST : WIDEST);
        }
        rows.add(cut);
        return this;
    }

    private static String cut(String cell, int widest) {
        if (cell.length() <= widest) {
            return cell;
        }
        int end = Character.isHighSurrogate(cell.charAt(widest - 2)) ? widest - 2 : widest - 1;
        return cell.substring(0, end) + "…";
    }

    void print(PrintWriter out) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
