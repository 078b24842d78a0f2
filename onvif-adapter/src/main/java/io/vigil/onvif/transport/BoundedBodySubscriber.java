package io.vigil.onvif.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into memory up to a limit, one buffer at a time. Past the limit (or at
 * once, when the Content-Length already says so) it cancels the subscription, which makes the
 * HTTP client close the connection: the rest of the body is never read.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    /** The body is over the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private final long limit;
    private final long declaredLength;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer;
    private volatile Flow.Subscription subscription;
    private long received;

    /**
     * @param declaredLength the Content-Length, or -1 when there is none
     */
    BoundedBodySubscriber(long limit, long declaredLength) {
        this.limit = limit;
        this.declaredLength = declaredLength;
        long expected = declaredLength >= 0 ? declaredLength : 8192;
        this.buffer = new ByteArrayOutputStream((int) Math.min(expected, Math.min(limit, 65536)));
    }

    @Override
    public void onSubscribe(Flow.Subscription newSubscription) {
        subscription = newSubscription;
        if (declaredLength > limit) {
            newSubscription.cancel();
            body.completeExceptionally(new TooLarge("the response declares " + declaredLength
                    + " bytes (Content-Length), more than the limit of " + limit));
            return;
        }
        newSubscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer item : items) {
            int length = item.remaining();
            if (received + length > limit) {
                subscription.cancel();
                body.completeExceptionally(new TooLarge("the response is larger than the limit of " + limit
                        + " bytes; reading stopped there"));
                return;
            }
            byte[] chunk = new byte[length];
            item.get(chunk);
            buffer.write(chunk, 0, length);
            received += length;
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(buffer.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    /** Stops reading (on a timeout): the connection is closed and the body future fails. */
    void abort() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        body.completeExceptionally(new CancellationException("response abandoned"));
    }
}
