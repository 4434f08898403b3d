package io.azevents.imds;

import io.azevents.core.ScheduledEventsException;
import io.azevents.imds.ImdsDocumentException;
import io.azevents.imds.ImdsHttpException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends one logical request with the retries of a {@link RetryPolicy} and returns the first 2xx
 * answer, or throws an {@link ImdsHttpException} that says how many attempts were made, why it
 * gave up and what the last failure was. What is retried:
 * <ul>
 *   <li>connection refused, reset or closed, request timed out: retried (uses a retry);</li>
 *   <li>429 and 5xx: retried (uses a retry), honouring {@code Retry-After};</li>
 *   <li>410: retried for 70 s after the first 410 without using a retry;</li>
 *   <li>3xx: not followed, not retried (IMDS never redirects: something intercepts the address);</li>
 *   <li>any other status: not retried, reported with its body;</li>
 *   <li>a body over the cap: refused as an {@link ImdsDocumentException}, not retried.</li>
 * </ul>
 * Thread-safe if the transport and timing are.
 */
final class RetryingClient {

    private final HttpTransport transport;
    private final RetryPolicy policy;
    private final Timing timing;

    public RetryingClient(HttpTransport transport, RetryPolicy policy, Timing timing) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.timing = Objects.requireNonNull(timing, "timing");
    }

    /** The policy in force. */
    public RetryPolicy policy() {
        return policy;
    }

    /**
     * GETs {@code uri} ({@code body == null}) or POSTs {@code body} to it.
     *
     * @return the first 2xx answer
     * @throws ImdsHttpException     when no 2xx answer came within the policy
     * @throws ImdsDocumentException when the answer was larger than the cap
     */
    public HttpAnswer send(URI uri, byte[] body) {
        String method = body == null ? "GET" : "POST";
        long start = timing.nanoTime();
        long deadlineAt = start + policy.deadline().toNanos();
        int attempts = 0;
        int retriesUsed = 0;
        long firstGoneAt = Long.MIN_VALUE;
        Integer lastStatus = null;
        String lastBody = "";
        String lastFailure = "";
        IOException lastError = null;
        while (true) {
            long remaining = deadlineAt - timing.nanoTime();
            if (remaining <= 0) {
                throw failure(method, uri, attempts, "the deadline of " + seconds(policy.deadline())
                        + " was reached", lastFailure, lastStatus, lastBody, lastError);
            }
            Duration timeout = Duration.ofNanos(Math.min(remaining, policy.requestTimeout().toNanos()));
            attempts++;
            Optional<Duration> retryAfter = Optional.empty();
            boolean gone = false;
            try {
                HttpAnswer a = transport.exchange(uri, body, timeout);
                if (a.isSuccess()) {
                    if (attempts > 1) {
                        Logs.imds().log(Level.DEBUG, "IMDS {0} {1} answered on attempt {2}", method, uri, attempts);
                    }
                    return a;
                }
                lastStatus = a.status();
                lastBody = Excerpt.ofBody(a.body());
                lastError = null;
                if (a.status() >= 300 && a.status() < 400) {
                    String loc = a.location().map(l -> Excerpt.quote(l, 200)).orElse("(no Location)");
                    throw failure(method, uri, attempts, "redirects are not followed",
                            "HTTP " + a.status() + " redirect to " + loc
                                    + "; IMDS never redirects, so something intercepts its address",
                            lastStatus, lastBody, null);
                }
                lastFailure = "HTTP " + a.status() + (a.body().length == 0 ? " with an empty body" : ", body " + lastBody);
                gone = a.status() == 410;
                if (!gone && a.status() != 429 && a.status() < 500) {
                    throw failure(method, uri, attempts, "HTTP " + a.status() + " is not retried",
                            lastFailure, lastStatus, lastBody, null);
                }
                if (gone && firstGoneAt == Long.MIN_VALUE) {
                    firstGoneAt = timing.nanoTime();
                }
                retryAfter = a.retryAfter().flatMap(h -> RetryAfter.parse(h, timing.now()));
            } catch (ResponseTooLargeException e) {
                throw new ImdsDocumentException("IMDS " + method + " " + uri + ": refused the answer: "
                        + e.getMessage(), uri, "$", e);
            } catch (IOException e) {
                lastStatus = null;
                lastBody = "";
                lastError = e;
                lastFailure = describe(e, timeout);
            }
            boolean free = gone && timing.nanoTime() - firstGoneAt < RetryPolicy.GONE_WINDOW.toNanos();
            if (!free) {
                if (retriesUsed >= policy.retryCount()) {
                    throw failure(method, uri, attempts, "retry_count=" + policy.retryCount() + " is used up",
                            lastFailure, lastStatus, lastBody, lastError);
                }
                retriesUsed++;
            }
            final int attemptsSoFar = attempts;
            Duration wait = retryAfter
                    .map(d -> d.compareTo(RetryPolicy.MAX_RETRY_AFTER) > 0 ? RetryPolicy.MAX_RETRY_AFTER : d)
                    .orElseGet(() -> policy.backoff(attemptsSoFar));
            if (free && wait.compareTo(RetryPolicy.GONE_MIN_WAIT) < 0) {
                // Retries of a 410 are not counted: never hammer IMDS with them, even with retry_wait=0.
                wait = RetryPolicy.GONE_MIN_WAIT;
            }
            long left = deadlineAt - timing.nanoTime();
            if (wait.toNanos() >= left) {
                throw failure(method, uri, attempts, "the next attempt would be due in " + seconds(wait)
                        + " but only " + seconds(Duration.ofNanos(Math.max(0, left))) + " remain of the deadline of "
                        + seconds(policy.deadline()),
                        lastFailure, lastStatus, lastBody, lastError);
            }
            Logs.imds().log(Level.DEBUG, "IMDS {0} {1} attempt {2} failed: {3}; retrying in {4}",
                    method, uri, attempts, lastFailure, seconds(wait));
            try {
                timing.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScheduledEventsException("interrupted while waiting to retry IMDS " + method + " " + uri, e);
            }
        }
    }

    private static String describe(IOException e, Duration timeout) {
        if (e instanceof ConnectException) {
            return "connection refused (" + e.getMessage() + ")";
        }
        if (e instanceof SocketTimeoutException) {
            return "no answer within " + seconds(timeout) + " (request_timeout)";
        }
        String m = e.getMessage() == null ? "" : ": " + Excerpt.quote(e.getMessage(), 200);
        return "connection failed (" + e.getClass().getSimpleName() + m + ")";
    }

    private static ImdsHttpException failure(String method, URI uri, int attempts, String why, String last,
                                             Integer status, String body, IOException cause) {
        String msg = "IMDS " + method + " " + uri + " failed after " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + " (" + why + "): " + last;
        return new ImdsHttpException(msg, uri, status, body, attempts, cause);
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.3f s", ms / 1000.0);
    }
}
