package dirt.config;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code [notify]}: when to tell people about task results ({@code on}, narrowed per task name by {@code rules}) and
 * how ({@code email}, {@code webhooks}, and {@code console}: the log of {@code dirt serve}). {@code nospam} suppresses repeated notifications and {@code recordSummary}
 * asks for one summary per record, as {@code dirt.notify} defines them; {@code siteUrl} is the base for links in
 * messages.
 */
public record NotifySettings(Set<NotifyEvent> on, boolean nospam, boolean recordSummary, Optional<URI> siteUrl,
        Optional<EmailSettings> email, List<WebhookSettings> webhooks, boolean console, List<NotifyRule> rules) {
    public static final Set<NotifyEvent> DEFAULT_ON =
            Collections.unmodifiableSet(EnumSet.of(NotifyEvent.FAILURE, NotifyEvent.RECOVERY, NotifyEvent.NODE));
    public static final boolean DEFAULT_NOSPAM = true;
    public static final boolean DEFAULT_RECORD_SUMMARY = false;
    public static final boolean DEFAULT_CONSOLE = false;

    public NotifySettings {
        on = requireNonNull(on, "on is null").isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(on));
        requireNonNull(siteUrl, "siteUrl is null");
        requireNonNull(email, "email is null");
        webhooks = List.copyOf(requireNonNull(webhooks, "webhooks is null"));
        rules = List.copyOf(requireNonNull(rules, "rules is null"));
    }

    /** Notify on failure, recovery and node news, with no channel and no rules. */
    public static NotifySettings defaults() {
        return new NotifySettings(DEFAULT_ON, DEFAULT_NOSPAM, DEFAULT_RECORD_SUMMARY, Optional.empty(),
                Optional.empty(), List.of(), DEFAULT_CONSOLE, List.of());
    }

    /** Whether any channel is configured: email, a webhook or the console. */
    public boolean hasChannels() {
        return email.isPresent() || !webhooks.isEmpty() || console;
    }

    /** The events to notify on for a task name: those of the first matching rule, else {@link #on()}. */
    public Set<NotifyEvent> eventsFor(String taskName) {
        return rules.stream().filter(rule -> rule.matches(taskName)).findFirst().map(NotifyRule::on).orElse(on);
    }

    public NotifySettings withEmail(Optional<EmailSettings> email) {
        return new NotifySettings(on, nospam, recordSummary, siteUrl, email, webhooks, console, rules);
    }
}
