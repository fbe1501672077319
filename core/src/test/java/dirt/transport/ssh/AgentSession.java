package dirt.transport.ssh;

import dirt.transport.AgentChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Line-by-line talk with an agent over its channel, for tests. */
final class AgentSession implements AutoCloseable {
    private final AgentChannel channel;
    private final BufferedReader responses;

    AgentSession(AgentChannel channel) {
        this.channel = channel;
        this.responses = new BufferedReader(new InputStreamReader(channel.responses(), StandardCharsets.UTF_8));
    }

    /** Sends {@code line} and returns the agent's answer line (null at the end of its output). */
    String ask(String line) {
        try {
            channel.requests().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            channel.requests().flush();
            return responses.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    AgentChannel channel() {
        return channel;
    }

    @Override
    public void close() {
        channel.close();
    }
}
