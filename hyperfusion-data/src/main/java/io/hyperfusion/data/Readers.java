package io.hyperfusion.data;

import io.hyperfusion.data.jsonl.JsonlPostReader;
import io.hyperfusion.data.smpd.SmpdImageReader;
import io.hyperfusion.data.smpd.SmpdVideoReader;

/** Picks the {@link PostReader} for a {@link DataFormat}. */
public final class Readers {

    private Readers() {
    }

    /** A new reader for the format; readers hold no state between reads. */
    public static PostReader forFormat(DataFormat f) {
        if (f == null) {
            throw new IllegalArgumentException("format must be given");
        }
        return switch (f) {
            case SMPD_IMAGE -> new SmpdImageReader();
            case SMPD_VIDEO -> new SmpdVideoReader();
            case JSONL -> new JsonlPostReader();
        };
    }
}
