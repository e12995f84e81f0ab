package io.hyperfusion.spark;

import io.hyperfusion.data.UserProfile;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The users table (one row per author profile) and the conversion between a row and a {@link UserProfile}.
 *
 * <p>Columns: {@code uid} string, {@code photo_count} double, {@code is_pro}, {@code can_buy_pro} boolean,
 * {@code first_photo_date}, {@code first_photo_taken} timestamp, {@code timezone_offset_minutes} int,
 * {@code timezone_id} string, {@code user_description}, {@code location_description} array&lt;float&gt;
 * (empty when absent), {@code numeric} map&lt;string,double&gt;. Jobs that need profiles left-join this table
 * onto the posts as one struct column, {@link #COLUMN}. Stateless.
 */
public final class UserRows {
    /** Name of the struct column that carries a post's author profile after the join. */
    public static final String COLUMN = "user";

    /** The users table's schema. */
    public static final StructType SCHEMA = new StructType(new StructField[] {
            DataTypes.createStructField(PostRows.UID, DataTypes.StringType, false),
            DataTypes.createStructField("photo_count", DataTypes.DoubleType, true),
            DataTypes.createStructField("is_pro", DataTypes.BooleanType, true),
            DataTypes.createStructField("can_buy_pro", DataTypes.BooleanType, true),
            DataTypes.createStructField("first_photo_date", DataTypes.TimestampType, true),
            DataTypes.createStructField("first_photo_taken", DataTypes.TimestampType, true),
            DataTypes.createStructField("timezone_offset_minutes", DataTypes.IntegerType, true),
            DataTypes.createStructField("timezone_id", DataTypes.StringType, true),
            DataTypes.createStructField("user_description", DataTypes.createArrayType(DataTypes.FloatType, false), true),
            DataTypes.createStructField("location_description", DataTypes.createArrayType(DataTypes.FloatType, false), true),
            DataTypes.createStructField("numeric",
                    DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), true)});

    private UserRows() {
    }

    /** The row of a profile. */
    public static Row toRow(UserProfile u) {
        return RowFactory.create(u.userId(), u.photoCount(), u.isPro(), u.canBuyPro(), u.firstPhotoDate(),
                u.firstPhotoTaken(), u.timezoneOffsetMinutes(), u.timezoneId(), floats(u.userDescription()),
                floats(u.locationDescription()), Scala.map(u.numeric()));
    }

    /** The profile of a users-table row (or of the {@link #COLUMN} struct of a joined row). */
    public static UserProfile toProfile(Row r) {
        String uid = r.getAs(PostRows.UID);
        try {
            Map<String, Double> numeric = r.isNullAt(r.fieldIndex("numeric")) ? Map.of()
                    : new LinkedHashMap<>(r.<String, Double>getJavaMap(r.fieldIndex("numeric")));
            return new UserProfile(uid, r.getAs("photo_count"), r.getAs("is_pro"), r.getAs("can_buy_pro"),
                    PostRows.instant(r.getAs("first_photo_date")), PostRows.instant(r.getAs("first_photo_taken")),
                    r.getAs("timezone_offset_minutes"), r.getAs("timezone_id"), floats(r, "user_description"),
                    floats(r, "location_description"), numeric);
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("user " + uid + ": a column has the wrong type (" + e.getMessage()
                    + "); expected the schema " + SCHEMA.simpleString(), e);
        }
    }

    static scala.collection.Seq<Float> floats(float[] v) {
        List<Float> out = new java.util.ArrayList<>(v.length);
        for (float f : v) {
            out.add(f);
        }
        return Scala.seq(out);
    }

    static float[] floats(Row r, String column) {
        int i = r.fieldIndex(column);
        if (r.isNullAt(i)) {
            return new float[0];
        }
        List<Object> l = r.getList(i);
        float[] out = new float[l.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = ((Number) l.get(k)).floatValue();
        }
        return out;
    }
}
