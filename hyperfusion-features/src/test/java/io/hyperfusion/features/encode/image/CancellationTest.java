package io.hyperfusion.features.encode.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyperfusion.features.encode.image.DecodedImage.Outcome;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Decoding stops when its token is cancelled, before or while the reader works; headers are read without pixels. */
class CancellationTest {
    private final ImageDecoder decoder = new ImageDecoder(ImageDecoder.Options.defaults());

    @Test
    void aCancelledTokenStopsTheNextDecodeBeforeItStarts() {
        Cancellation c = new Cancellation();
        c.cancel();
        DecodedImage d = decoder.decode(ImageFixtures.flatPng16(64, 64), "a.png", c);
        assertEquals(Outcome.CANCELLED, d.outcome());
        assertEquals(1L, decoder.counts().get(Outcome.CANCELLED));
    }

    @Test
    void cancellingAbortsTheReaderMidImage() throws Exception {
        // Inflating 4000 x 4000 x 6 bytes takes the JDK PNG reader about 0.4 s on this machine; it is cancelled
        // once the reader has started, and must end CANCELLED rather than OK.
        byte[] bomb = ImageFixtures.flatPng16(4000, 4000);
        Cancellation c = new Cancellation();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<DecodedImage> f = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            return decoder.decode(bomb, "bomb.png", c);
        });
        started.await();
        Thread.sleep(50);
        c.cancel();
        assertEquals(Outcome.CANCELLED, f.get().outcome());
        assertEquals(Outcome.OK, decoder.decode(ImageFixtures.flatPng16(64, 64), "small.png").outcome(),
                "a new token decodes again");
    }

    @Test
    void headersAreReadWithoutDecoding() {
        ImageDecoder.Header h = ImageDecoder.header(ImageFixtures.pngHeaderOnly(50_000, 40_000));
        assertEquals("png", h.format());
        assertEquals(2_000_000_000L, h.pixels(), "no overflow: width x height as a long");
        assertNull(ImageDecoder.header(new byte[] {1, 2, 3}));
        byte[] jpg = ImageFixtures.jpeg(new java.awt.image.BufferedImage(30, 20, java.awt.image.BufferedImage.TYPE_INT_RGB), false);
        assertEquals(600L, ImageDecoder.header(Arrays.copyOf(jpg, jpg.length / 2)).pixels(), "a truncated file still has its header");
    }

    @Test
    void aTruncatedJpegIsDamagedNotClean() {
        byte[] jpg = ImageFixtures.jpeg(ImageDecoderTest.gradient(64, 64), false);
        DecodedImage d = decoder.decode(Arrays.copyOf(jpg, jpg.length / 2), "t.jpg");
        assertTrue(d.isDamaged(), d.warnings().toString());
        assertTrue(!decoder.decode(jpg, "whole.jpg").isDamaged());
    }
}
