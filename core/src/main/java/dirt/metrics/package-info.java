/**
 * {@code dirt serve}'s metrics and health over HTTP: {@link dirt.metrics.ServeMetrics} turns serve's own events
 * ({@link dirt.serve.ServeEvents}, {@link dirt.store.RequestObserver}, {@link dirt.notify.DeliveryEvents}) and state
 * into Micrometer meters, and {@link dirt.metrics.MetricsServer} answers {@code /metrics} in the Prometheus text format
 * and {@code /healthz}. The only package that imports Micrometer: the rest of dirt sees its own interfaces.
 */
package dirt.metrics;
