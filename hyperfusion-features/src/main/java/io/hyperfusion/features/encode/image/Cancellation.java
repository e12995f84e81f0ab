package io.hyperfusion.features.encode.image;

import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadProgressListener;

/**
 * Stops image decoding from another thread: the server cancels the decoding of a request that timed out, and
 * the ImageIO reader at work is aborted between rows instead of running on for seconds (a 40-megapixel 16-bit
 * PNG inflates 240 MB). One per request; thread-safe.
 */
public final class Cancellation {
    private boolean cancelled;
    private ImageReader current;

    /** Cancels: the reader at work is aborted, and every later decode with this token ends as CANCELLED. */
    public synchronized void cancel() {
        cancelled = true;
        if (current != null) {
            current.abort();
        }
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Registers the reader about to decode; false when already cancelled (then it must not start). */
    synchronized boolean attach(ImageReader reader) {
        if (cancelled) {
            return false;
        }
        current = reader;
        return true;
    }

    synchronized void detach(ImageReader reader) {
        if (current == reader) {
            current = null;
        }
    }

    /**
     * A listener that aborts the reader when the token is cancelled: ImageIO readers clear any abort request at
     * the start of {@code read}, so a cancel that lands between {@link #attach} and the start of the read would
     * otherwise be lost. Readers report start and progress after clearing it.
     */
    IIOReadProgressListener listener() {
        return new IIOReadProgressListener() {
            private void check(ImageReader source) {
                if (isCancelled()) {
                    source.abort();
                }
            }

            @Override public void imageStarted(ImageReader source, int imageIndex) { check(source); }
            @Override public void imageProgress(ImageReader source, float percentageDone) { check(source); }
            @Override public void sequenceStarted(ImageReader source, int minIndex) { }
            @Override public void sequenceComplete(ImageReader source) { }
            @Override public void imageComplete(ImageReader source) { }
            @Override public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) { }
            @Override public void thumbnailProgress(ImageReader source, float percentageDone) { }
            @Override public void thumbnailComplete(ImageReader source) { }
            @Override public void readAborted(ImageReader source) { }
        };
    }
}
