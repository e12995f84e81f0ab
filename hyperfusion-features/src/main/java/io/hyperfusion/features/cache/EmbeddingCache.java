package io.hyperfusion.features.cache;

import io.hyperfusion.data.DataFormatException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A persistent store of embedding vectors in a DuckDB file, keyed by (encoder id, encoder version, SHA-256 of
 * the content), so an interrupted encoding run resumes where it stopped and an encoder change re-encodes only
 * that encoder's rows.
 *
 * <p>Layout (schema version {@value #SCHEMA_VERSION}, recorded in {@code hf_cache_meta}):
 * {@code hf_encoders(encoder_id, encoder_version, dim)} fixes each version's vector length, and
 * {@code hf_embeddings(encoder_id, encoder_version, sha256, vec)} holds vectors as BLOBs of little-endian
 * float32 — faster through JDBC than {@code FLOAT[]}, which boxes every element. A BLOB whose length is not
 * 4 × dim is reported, never silently reinterpreted.
 *
 * <p>Errors: a file that is not a DuckDB database, a DuckDB database without this schema, a schema version
 * other than {@value #SCHEMA_VERSION} and a BLOB of the wrong length raise {@link DataFormatException} naming
 * the file; other database failures raise {@link IllegalStateException} naming the file.
 *
 * <p>Thread safety: one JDBC connection, and every public method is {@code synchronized}, so concurrent
 * {@link #getAll}/{@link #putAll} from many threads are safe (and serialised). DuckDB lets one process at a
 * time open a file for writing; a second process gets a clear error instead of a corrupted file.
 */
public final class EmbeddingCache implements AutoCloseable {
    public static final int SCHEMA_VERSION = 1;
    /** Hashes per {@code IN (...)} lookup. */
    private static final int LOOKUP_CHUNK = 512;
    /** Rows per multi-row INSERT. */
    private static final int INSERT_CHUNK = 100;

    private final Path file;
    private final Connection conn;

    private EmbeddingCache(Path file, Connection conn) {
        this.file = file;
        this.conn = conn;
    }

    /** Opens or creates a cache file with one DuckDB worker thread. */
    public static EmbeddingCache open(Path file) {
        return open(file, 1);
    }

    /** Opens or creates a cache file; {@code threads} is DuckDB's worker thread count (1..64). */
    public static EmbeddingCache open(Path file, int threads) {
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("threads must be in [1, 64], got " + threads);
        }
        Path abs = file.toAbsolutePath();
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + abs, e);
        }
        boolean existed = Files.exists(abs);
        Properties props = new Properties();
        props.setProperty("threads", Integer.toString(threads));
        Connection conn;
        try {
            conn = DriverManager.getConnection("jdbc:duckdb:" + abs, props);
        } catch (SQLException e) {
            throw new DataFormatException(abs, null, "cannot open as a DuckDB database (not a DuckDB file, a newer "
                    + "DuckDB format, or locked by another process): " + e.getMessage(), e);
        }
        EmbeddingCache cache = new EmbeddingCache(abs, conn);
        try {
            new CacheSchema(abs, conn).openOrCreate(existed);
        } catch (RuntimeException e) {
            cache.close();
            throw e;
        }
        return cache;
    }

    public Path file() {
        return file;
    }

    /** The cached vectors among {@code sha256s} for one encoder version; absent hashes are misses. */
    public synchronized Map<String, float[]> getAll(String encoderId, String version, Collection<String> sha256s) {
        requireKey(encoderId, version);
        Map<String, float[]> out = new HashMap<>();
        List<String> keys = new ArrayList<>(new LinkedHashSet<>(sha256s));
        if (keys.isEmpty()) {
            return out;
        }
        try {
            Integer dim = CacheSchema.dimension(conn, encoderId, version);
            if (dim == null) {
                return out;
            }
            for (int from = 0; from < keys.size(); from += LOOKUP_CHUNK) {
                List<String> chunk = keys.subList(from, Math.min(keys.size(), from + LOOKUP_CHUNK));
                String sql = "SELECT sha256, vec FROM hf_embeddings WHERE encoder_id = ? AND encoder_version = ? "
                        + "AND sha256 IN (" + "?,".repeat(chunk.size() - 1) + "?)";
                try (PreparedStatement ps = conn.prepareStatement(sql)) {
                    ps.setString(1, encoderId);
                    ps.setString(2, version);
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setString(3 + i, chunk.get(i));
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String sha = rs.getString(1);
                            out.put(sha, decode(rs.getBytes(2), dim, encoderId, version, sha));
                        }
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw failure("reading " + encoderId + "/" + version, e);
        }
    }

    /**
     * Stores vectors (replacing equal keys) in one transaction: after a crash either all or none of them are
     * there. All vectors must have the dimension this encoder version was first stored with.
     */
    public synchronized void putAll(String encoderId, String version, Map<String, float[]> vectors) {
        requireKey(encoderId, version);
        if (vectors.isEmpty()) {
            return;
        }
        int dim = -1;
        for (Map.Entry<String, float[]> e : vectors.entrySet()) {
            if (!Hashing.isSha256Hex(e.getKey())) {
                throw new IllegalArgumentException("key must be 64 lowercase hex digits of SHA-256, got '"
                        + e.getKey() + "'");
            }
            int len = e.getValue() == null ? -1 : e.getValue().length;
            if (len <= 0 || (dim >= 0 && len != dim)) {
                throw new IllegalArgumentException("vector for " + e.getKey() + " has length " + len
                        + ", expected " + (dim >= 0 ? dim : "> 0"));
            }
            dim = len;
        }
        try {
            conn.setAutoCommit(false);
            try {
                CacheSchema.registerDimension(conn, file, encoderId, version, dim);
                insertRows(encoderId, version, new ArrayList<>(vectors.entrySet()));
                conn.commit();
            } catch (SQLException | RuntimeException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("writing " + vectors.size() + " vectors of " + encoderId + "/" + version, e);
        }
    }

    /** Multi-row INSERTs: DuckDB's JDBC batch runs one statement per row, which is several times slower. */
    private void insertRows(String encoderId, String version, List<Map.Entry<String, float[]>> rows)
            throws SQLException {
        for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
            List<Map.Entry<String, float[]>> chunk = rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK));
            String sql = "INSERT OR REPLACE INTO hf_embeddings VALUES "
                    + "(?, ?, ?, ?),".repeat(chunk.size() - 1) + "(?, ?, ?, ?)";
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                int p = 1;
                for (Map.Entry<String, float[]> e : chunk) {
                    ps.setString(p++, encoderId);
                    ps.setString(p++, version);
                    ps.setString(p++, e.getKey());
                    ps.setBytes(p++, encode(e.getValue()));
                }
                ps.executeUpdate();
            }
        }
    }

    /** Number of vectors stored for one encoder version. */
    public synchronized long count(String encoderId, String version) {
        requireKey(encoderId, version);
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT count(*) FROM hf_embeddings WHERE encoder_id = ? AND encoder_version = ?")) {
            ps.setString(1, encoderId);
            ps.setString(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("counting " + encoderId + "/" + version, e);
        }
    }

    /** Deletes this encoder's rows of every version except {@code currentVersion}; returns how many. */
    public synchronized int invalidateOtherVersions(String encoderId, String currentVersion) {
        requireKey(encoderId, currentVersion);
        try {
            conn.setAutoCommit(false);
            try (PreparedStatement rows = conn.prepareStatement(
                    "DELETE FROM hf_embeddings WHERE encoder_id = ? AND encoder_version <> ?");
                 PreparedStatement enc = conn.prepareStatement(
                    "DELETE FROM hf_encoders WHERE encoder_id = ? AND encoder_version <> ?")) {
                rows.setString(1, encoderId);
                rows.setString(2, currentVersion);
                int n = rows.executeUpdate();
                enc.setString(1, encoderId);
                enc.setString(2, currentVersion);
                enc.executeUpdate();
                conn.commit();
                return n;
            } catch (SQLException e) {
                conn.rollback();
                throw e;
            } finally {
                conn.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure("invalidating old versions of " + encoderId, e);
        }
    }

    /** Writes a checkpoint and closes the database; idempotent. */
    @Override
    public synchronized void close() {
        try {
            if (!conn.isClosed()) {
                try (Statement st = conn.createStatement()) {
                    st.execute("CHECKPOINT");
                } finally {
                    conn.close();
                }
            }
        } catch (SQLException e) {
            throw failure("closing", e);
        }
    }

    static byte[] encode(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return b.array();
    }

    private float[] decode(byte[] blob, int dim, String encoderId, String version, String sha) {
        if (blob == null || blob.length != dim * Float.BYTES) {
            throw new DataFormatException(file, "encoder " + encoderId + " version " + version + " sha256 " + sha,
                    "vector BLOB has " + (blob == null ? "no" : blob.length) + " bytes, expected " + dim * Float.BYTES
                            + " (" + dim + " float32)");
        }
        float[] v = new float[dim];
        ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    private static void requireKey(String encoderId, String version) {
        if (encoderId == null || encoderId.isBlank() || version == null || version.isBlank()) {
            throw new IllegalArgumentException("encoder id and version must be non-blank, got '" + encoderId
                    + "' and '" + version + "'");
        }
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException(file + ": embedding cache failed while " + what + ": " + e.getMessage(), e);
    }
}
