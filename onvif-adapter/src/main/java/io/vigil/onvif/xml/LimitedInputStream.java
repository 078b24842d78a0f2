package io.vigil.onvif.xml;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes the parser reads and fails once more than the limit have been asked for: it
 * never reads more than {@code limit + 1} bytes from the source, so an endless or enormous
 * document costs at most that much. Remembers whether the limit or the source failed, because
 * the parser may wrap the exception it sees.
 */
final class LimitedInputStream extends FilterInputStream {

    /** Thrown to the parser when the limit is crossed. */
    static final class LimitReached extends IOException {
        private static final long serialVersionUID = 1L;

        LimitReached(long limit) {
            super("document larger than " + limit + " bytes");
        }
    }

    private final long limit;
    private long count;
    private boolean limitReached;
    private IOException sourceFailure;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (limitReached) {
            throw new LimitReached(limit);
        }
        if (length == 0) {
            return 0;
        }
        // ask the source for at most one byte beyond the limit: enough to know it was crossed
        int wanted = (int) Math.min(length, limit - count + 1);
        int n;
        try {
            n = in.read(buffer, offset, wanted);
        } catch (IOException e) {
            sourceFailure = e;
            throw e;
        }
        if (n > 0) {
            count += n;
            if (count > limit) {
                limitReached = true;
                throw new LimitReached(limit);
            }
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // counted like a read, so skipping cannot get around the limit
        byte[] sink = new byte[(int) Math.min(Math.max(n, 0), 8192)];
        int read = read(sink, 0, sink.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    long count() {
        return count;
    }

    boolean limitReached() {
        return limitReached;
    }

    IOException sourceFailure() {
        return sourceFailure;
    }
}
