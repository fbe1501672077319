package dirt.transport.ssh;

import com.jcraft.jsch.SocketFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens the TCP connection within the connect timeout, name lookup included (a lookup that hangs on a dead DNS
 * server would otherwise not be bounded).
 */
final class TimedSocketFactory implements SocketFactory {
    private final Duration timeout;

    TimedSocketFactory(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InetAddress address = resolve(host);
        long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(address, port), (int) Math.min(Integer.MAX_VALUE, left));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private InetAddress resolve(String host) throws IOException {
        CompletableFuture<InetAddress> lookup = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                lookup.complete(InetAddress.getByName(host));
            } catch (UnknownHostException | RuntimeException e) {
                lookup.completeExceptionally(e);
            }
        }, "dirt-ssh-lookup " + host);
        thread.setDaemon(true);
        thread.start();
        try {
            return lookup.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new SocketTimeoutException("looking up the host name took longer than the connect timeout");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            throw new IOException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while looking up " + host, e);
        }
    }

    @Override
    public InputStream getInputStream(Socket socket) throws IOException {
        return socket.getInputStream();
    }

    @Override
    public OutputStream getOutputStream(Socket socket) throws IOException {
        return socket.getOutputStream();
    }
}
