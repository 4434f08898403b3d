package io.azevents.imds;

import java.io.IOException;

/** The answer was larger than the transport's cap; never retried. */
final class ResponseTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    ResponseTooLargeException(long cap) {
        super("response body larger than the cap of " + cap + " bytes");
    }
}
