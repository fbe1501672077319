package dirt.project;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.SourceVersion;
import javax.tools.DiagnosticListener;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** The JDK's compiler, counting the compilation tasks it creates. */
final class CountingCompiler implements JavaCompiler {
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private int tasks;

    int tasks() {
        return tasks;
    }

    @Override
    public CompilationTask getTask(Writer out, JavaFileManager fileManager,
            DiagnosticListener<? super JavaFileObject> diagnosticListener, Iterable<String> options,
            Iterable<String> classes, Iterable<? extends JavaFileObject> compilationUnits) {
        tasks++;
        return javac.getTask(out, fileManager, diagnosticListener, options, classes, compilationUnits);
    }

    @Override
    public StandardJavaFileManager getStandardFileManager(DiagnosticListener<? super JavaFileObject> listener,
            Locale locale, Charset charset) {
        return javac.getStandardFileManager(listener, locale, charset);
    }

    @Override
    public int isSupportedOption(String option) {
        return javac.isSupportedOption(option);
    }

    @Override
    public int run(InputStream in, OutputStream out, OutputStream err, String... arguments) {
        tasks++;
        return javac.run(in, out, err, arguments);
    }

    @Override
    public Set<SourceVersion> getSourceVersions() {
        return javac.getSourceVersions();
    }
}
