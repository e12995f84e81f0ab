package io.hyperfusion.data;

import io.hyperfusion.data.jsonl.JsonlPostReader;
import io.hyperfusion.data.smpd.SmpdImageReader;
import io.hyperfusion.data.smpd.SmpdVideoReader;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ReadersTest {
    @Test
    void picksTheReaderOfEachFormat() {
        assertInstanceOf(SmpdImageReader.class, Readers.forFormat(DataFormat.parse("smpd-image")));
        assertInstanceOf(SmpdVideoReader.class, Readers.forFormat(DataFormat.SMPD_VIDEO));
        assertInstanceOf(JsonlPostReader.class, Readers.forFormat(DataFormat.JSONL));
        assertThrows(IllegalArgumentException.class, () -> Readers.forFormat(null));
    }
}
