package io.azevents.imds;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One HTTP exchange with IMDS over {@link HttpURLConnection}: always {@link Proxy#NO_PROXY} (so
 * neither {@code http.proxyHost} nor the default {@code ProxySelector} is consulted), redirects not
 * followed, {@code Metadata: true}, the body read up to a cap, and a hard timeout for the whole
 * exchange (a watchdog disconnects a server that trickles bytes, which a read timeout alone would
 * not catch).
 *
 * <p>{@code HttpURLConnection} rather than {@code java.net.http.HttpClient}: in a fresh JVM its first
 * request costs about 40 ms against about 320 ms, and the OCF monitor is a new JVM every 10 s.
 * One known side effect: when a server closes the connection without answering a GET, the JDK
 * silently resends it once; the simulator therefore records up to two requests per attempt for that
 * fault. POSTs are sent in fixed-length streaming mode, which the JDK never resends.
 *
 * <p>Thread-safe; holds no connection state of its own.
 */
final class HttpTransport {
    private static final class Watchdog {
        static final ScheduledExecutorService TIMER = create();

        private static ScheduledExecutorService create() {
            ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
                Thread th = new Thread(r, "azevents-imds-watchdog");
                th.setDaemon(true);
                return th;
            });
            t.setRemoveOnCancelPolicy(true);
            return t;
        }
    }

    /**
     * The watchdog fires this long after the socket timeouts, so that a plain hang ends as the
     * JDK's own timeout (which it never resends) and the watchdog only cuts a trickling answer.
     */
    private static final int WATCHDOG_GRACE_MS = 100;

    private final long maxBodyBytes;

    public HttpTransport(long maxBodyBytes) {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Sends one request and reads the answer, all within {@code timeout}.
     *
     * @param body the JSON body of a POST, or {@code null} for a GET
     * @throws SocketTimeoutException     if the exchange took longer than {@code timeout}
     * @throws ResponseTooLargeException  if the body exceeds the cap
     * @throws IOException                for any other network failure
     */
    public HttpAnswer exchange(URI uri, byte[] body, Duration timeout) throws IOException {
        int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = Watchdog.TIMER.schedule(() -> {
            fired.set(true);
            c.disconnect();
        }, ms + WATCHDOG_GRACE_MS, TimeUnit.MILLISECONDS);
        try {
            c.setInstanceFollowRedirects(false);
            c.setUseCaches(false);
            c.setConnectTimeout(ms);
            c.setReadTimeout(ms);
            c.setRequestProperty("Metadata", "true");
            c.setRequestProperty("Accept", "application/json");
            c.setRequestProperty("User-Agent", "azevents");
            if (body != null) {
                c.setRequestMethod("POST");
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(body.length);
                c.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = c.getResponseCode();
            if (status < 0) {
                throw new IOException("not an HTTP answer (no status line)");
            }
            long declared = c.getContentLengthLong();
            if (declared > maxBodyBytes) {
                throw new ResponseTooLargeException(maxBodyBytes);
            }
            byte[] bytes;
            try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream()) {
                bytes = in == null ? new byte[0] : readCapped(in);
            }
            // A watchdog that cut a trickling answer can make the stream end normally, cut short:
            // that is a timeout, never a (truncated) document.
            if (fired.get()) {
                throw new SocketTimeoutException("no complete answer within " + ms + " ms");
            }
            if (declared >= 0 && bytes.length != declared) {
                throw new IOException("answer cut short: " + bytes.length + " of " + declared + " bytes");
            }
            return new HttpAnswer(status, bytes, Optional.ofNullable(c.getHeaderField("Retry-After")),
                    Optional.ofNullable(c.getHeaderField("Location")));
        } catch (ResponseTooLargeException e) {
            c.disconnect();
            throw e;
        } catch (IOException e) {
            if (fired.get()) {
                SocketTimeoutException t = new SocketTimeoutException("no complete answer within " + ms + " ms");
                t.initCause(e);
                throw t;
            }
            throw e;
        } finally {
            watchdog.cancel(false);
        }
    }

    private byte[] readCapped(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buf)) != -1; ) {
            total += n;
            if (total > maxBodyBytes) {
                throw new ResponseTooLargeException(maxBodyBytes);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
