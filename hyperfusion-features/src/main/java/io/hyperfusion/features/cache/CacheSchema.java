package io.hyperfusion.features.cache;

import io.hyperfusion.data.DataFormatException;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.TreeSet;

/** Creates and checks the tables of an {@link EmbeddingCache} file. */
final class CacheSchema {
    private static final Set<String> TABLES = Set.of("hf_cache_meta", "hf_encoders", "hf_embeddings");

    private final Path file;
    private final Connection conn;

    CacheSchema(Path file, Connection conn) {
        this.file = file;
        this.conn = conn;
    }

    /** Creates the schema in an empty database, or checks the version of an existing one. */
    void openOrCreate(boolean existed) {
        try {
            Set<String> tables = new TreeSet<>();
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables "
                         + "WHERE table_schema = 'main'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            if (tables.isEmpty()) {
                create();
            } else if (!tables.containsAll(TABLES)) {
                throw new DataFormatException(file, null, "a DuckDB database but not an embedding cache: expected "
                        + "tables " + new TreeSet<>(TABLES) + ", found " + tables);
            } else {
                checkVersion();
            }
        } catch (SQLException e) {
            throw new DataFormatException(file, null, "cannot read the cache schema" + (existed ? "" : " of a new file")
                    + ": " + e.getMessage(), e);
        }
    }

    private void create() throws SQLException {
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            st.execute("CREATE TABLE hf_cache_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)");
            st.execute("CREATE TABLE hf_encoders (encoder_id VARCHAR NOT NULL, encoder_version VARCHAR NOT NULL, "
                    + "dim INTEGER NOT NULL, PRIMARY KEY (encoder_id, encoder_version))");
            st.execute("CREATE TABLE hf_embeddings (encoder_id VARCHAR NOT NULL, encoder_version VARCHAR NOT NULL, "
                    + "sha256 VARCHAR NOT NULL, vec BLOB NOT NULL, PRIMARY KEY (encoder_id, encoder_version, sha256))");
            st.execute("INSERT INTO hf_cache_meta VALUES ('schema_version', '" + EmbeddingCache.SCHEMA_VERSION + "')");
            st.execute("INSERT INTO hf_cache_meta VALUES ('vector_format', 'float32-le-blob')");
            conn.commit();
        } catch (SQLException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
    }

    private void checkVersion() throws SQLException {
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT value FROM hf_cache_meta WHERE key = 'schema_version'")) {
            String v = rs.next() ? rs.getString(1) : null;
            if (!Integer.toString(EmbeddingCache.SCHEMA_VERSION).equals(v)) {
                throw new DataFormatException(file, "hf_cache_meta.schema_version", "cache schema version is " + v
                        + ", this code reads version " + EmbeddingCache.SCHEMA_VERSION
                        + "; delete the file to rebuild the cache");
            }
        }
    }

    /** The vector length registered for an encoder version, or null if it has none yet. */
    static Integer dimension(Connection conn, String encoderId, String version) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(
                "SELECT dim FROM hf_encoders WHERE encoder_id = ? AND encoder_version = ?")) {
            ps.setString(1, encoderId);
            ps.setString(2, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    /** Registers the vector length of an encoder version, or checks it against the registered one. */
    static void registerDimension(Connection conn, Path file, String encoderId, String version, int dim)
            throws SQLException {
        Integer known = dimension(conn, encoderId, version);
        if (known == null) {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO hf_encoders VALUES (?, ?, ?)")) {
                ps.setString(1, encoderId);
                ps.setString(2, version);
                ps.setInt(3, dim);
                ps.executeUpdate();
            }
        } else if (known != dim) {
            throw new IllegalArgumentException(file + ": encoder " + encoderId + " version " + version
                    + " stores vectors of length " + known + ", got " + dim);
        }
    }
}
