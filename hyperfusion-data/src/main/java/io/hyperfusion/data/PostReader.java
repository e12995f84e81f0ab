package io.hyperfusion.data;

import java.nio.file.Path;

/** Reads one on-disk data set layout into a {@link PostDataset}. Implementations hold no state between reads. */
public interface PostReader {

    /**
     * Reads the data set at {@code root}.
     *
     * @throws DataFormatException for structural problems, naming the file and line or record
     * @throws java.io.UncheckedIOException for I/O failures, naming the file
     */
    PostDataset read(Path root, ReadOptions options);
}
