package org.artsim.spark.internal;

import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.AtomicType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;
import org.artsim.InvalidArgumentException;

/**
 * Checks input columns and turns them into the types the kNN code reads: vectors as {@code
 * array<float>}, ids and labels as strings, conditions as {@code array<string>}. Every refusal is
 * an {@link InvalidArgumentException} naming the column, its type and what would do.
 */
public final class Columns {
  private Columns() {}

  /** The column's type, or an error listing the columns there are. */
  public static DataType typeOf(StructType schema, String column, String param) {
    if (column == null || column.isEmpty() || !Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new InvalidArgumentException(
          "no column '" + column + "' (" + param + ") in the data set; its columns are "
              + Arrays.toString(schema.fieldNames()) + "; set " + param + " to one of them");
    }
    return schema.apply(column).dataType();
  }

  /** A vector column as {@code array<float>}: {@code array<float>}, another numeric array, or an ml Vector. */
  public static Column vector(StructType schema, String column, String param) {
    DataType t = typeOf(schema, column, param);
    if (t instanceof ArrayType a && a.elementType() == DataTypes.FloatType) {
      return col(column);
    }
    if (t instanceof ArrayType a && a.elementType() instanceof NumericType) {
      return col(column).cast(DataTypes.createArrayType(DataTypes.FloatType));
    }
    if (t instanceof VectorUDT) {
      return org.apache.spark.ml.functions.vector_to_array(col(column), "float32");
    }
    throw new InvalidArgumentException(
        "column '" + column + "' (" + param + ") has type " + t.simpleString()
            + "; vectors must be array<float> (array<double> and ml Vectors are converted)");
  }

  /** An id or label column as a string: strings, numbers and booleans are accepted. */
  public static Column string(StructType schema, String column, String param) {
    DataType t = typeOf(schema, column, param);
    if (t instanceof AtomicType && t != DataTypes.BinaryType) {
      return t == DataTypes.StringType ? col(column) : col(column).cast(DataTypes.StringType);
    }
    throw new InvalidArgumentException(
        "column '" + column + "' (" + param + ") has type " + t.simpleString()
            + "; it must hold strings, numbers or booleans");
  }

  /** A condition column (allowed label values per query) as {@code array<string>}. */
  public static Column condition(StructType schema, String column, String param) {
    DataType t = typeOf(schema, column, param);
    if (t instanceof ArrayType a && a.elementType() instanceof AtomicType && a.elementType() != DataTypes.BinaryType) {
      return col(column).cast(DataTypes.createArrayType(DataTypes.StringType));
    }
    if (t instanceof AtomicType && t != DataTypes.BinaryType) {
      return org.apache.spark.sql.functions.array(col(column).cast(DataTypes.StringType));
    }
    throw new InvalidArgumentException(
        "column '" + column + "' (" + param + ") has type " + t.simpleString()
            + "; a condition is an array of allowed label values (array<string>) or a single value");
  }
}
