package io.hyperfusion.spark;

import java.util.List;
import java.util.Map;

/**
 * Java collections as the Scala 2.12 collections that Spark's row encoder accepts for array and map columns
 * (it does not accept {@code java.util.List} or {@code java.util.Map} in an external row).
 */
final class Scala {
    private Scala() {
    }

    @SuppressWarnings("deprecation") // JavaConverters is the 2.12 API; scala.jdk.* arrived in 2.13
    static <T> scala.collection.Seq<T> seq(List<T> list) {
        return scala.collection.JavaConverters.asScalaBufferConverter(list).asScala().toSeq();
    }

    @SuppressWarnings("deprecation")
    static <K, V> scala.collection.Map<K, V> map(Map<K, V> map) {
        return scala.collection.JavaConverters.mapAsScalaMapConverter(map).asScala();
    }
}
