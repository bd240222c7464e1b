package org.artsim.spark;

import java.util.Arrays;
import java.util.HashMap;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.artsim.ConfigException;
import org.artsim.InvalidArgumentException;
import org.artsim.spark.internal.Columns;
import org.artsim.spark.internal.EmbedPartition;

/**
 * Spark ML transformer that embeds an image column with an artsim image embedder: binary content
 * (as {@code spark.read().format("binaryFile")} gives) or a path/URL string. It appends the vector
 * ({@code array<float>}, default column {@code embedding}) and an error column (default {@code
 * embedding_error}): a row whose image fails keeps a null vector and says why, and is never dropped.
 *
 * <p>The embedder is created once per executor JVM and shared by its tasks. The default {@code
 * color} embedder needs no model and no DJL engine; model embedders ({@code clip}...) need
 * {@code artsim-embed} and an engine on the executors' class path (see the module README).
 */
public final class ArtsimEmbedder extends Transformer {
  private static final long serialVersionUID = 1L;
  private final String uid;
  private final Param<String> inputCol;
  private final Param<String> nameCol;
  private final Param<String> outputCol;
  private final Param<String> errorCol;
  private final Param<String> embedder;
  private final StringArrayParam embedderSettings;
  private final IntParam batchSize;

  /** A new transformer with default parameters. */
  public ArtsimEmbedder() {
    this(Identifiable.randomUID("artsimEmbedder"));
  }

  /** A new transformer with a given uid. */
  public ArtsimEmbedder(String uid) {
    this.uid = uid;
    inputCol = new Param<>(this, "inputCol", "image column: binary content or a path/URL string");
    nameCol = new Param<>(this, "nameCol", "column naming each image in error messages (e.g. path); empty: none");
    outputCol = new Param<>(this, "outputCol", "vector column to add (array<float>)");
    errorCol = new Param<>(this, "errorCol", "error column to add (null when the image was embedded)");
    embedder = new Param<>(this, "embedder", "artsim image embedder name (color, clip...)");
    embedderSettings = new StringArrayParam(this, "embedderSettings", "embedder settings as key=value");
    batchSize = new IntParam(this, "batchSize", "images embedded per call (at least 1)");
    setDefault(inputCol, "content");
    setDefault(nameCol, "");
    setDefault(outputCol, "embedding");
    setDefault(errorCol, "embedding_error");
    setDefault(embedder, "color");
    setDefault(embedderSettings, new String[0]);
    setDefault(batchSize, 32);
  }

  @Override
  public String uid() {
    return uid;
  }

  /** The image column. */
  public Param<String> inputCol() {
    return inputCol;
  }

  /** The name column. */
  public Param<String> nameCol() {
    return nameCol;
  }

  /** The vector column. */
  public Param<String> outputCol() {
    return outputCol;
  }

  /** The error column. */
  public Param<String> errorCol() {
    return errorCol;
  }

  /** The embedder name. */
  public Param<String> embedder() {
    return embedder;
  }

  /** The embedder settings. */
  public StringArrayParam embedderSettings() {
    return embedderSettings;
  }

  /** Images per call. */
  public IntParam batchSize() {
    return batchSize;
  }

  /** Sets the image column. */
  public ArtsimEmbedder setInputCol(String value) {
    set(inputCol, value);
    return this;
  }

  /** Sets the column naming images in error messages. */
  public ArtsimEmbedder setNameCol(String value) {
    set(nameCol, value);
    return this;
  }

  /** Sets the vector column. */
  public ArtsimEmbedder setOutputCol(String value) {
    set(outputCol, value);
    return this;
  }

  /** Sets the error column. */
  public ArtsimEmbedder setErrorCol(String value) {
    set(errorCol, value);
    return this;
  }

  /** Sets the embedder name. */
  public ArtsimEmbedder setEmbedder(String value) {
    set(embedder, value);
    return this;
  }

  /** Sets embedder settings as key=value strings. */
  public ArtsimEmbedder setEmbedderSettings(String[] value) {
    set(embedderSettings, value);
    return this;
  }

  /** Sets images per call; refuses values below 1. */
  public ArtsimEmbedder setBatchSize(int value) {
    if (value < 1) {
      throw new InvalidArgumentException("batchSize must be at least 1, got " + value);
    }
    set(batchSize, value);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    DataType t = Columns.typeOf(schema, getOrDefault(inputCol), "inputCol");
    if (t != DataTypes.BinaryType && t != DataTypes.StringType) {
      throw new InvalidArgumentException("column '" + getOrDefault(inputCol) + "' (inputCol) has type " + t.simpleString()
          + "; images must be binary content (format(\"binaryFile\")) or path/URL strings");
    }
    if (!getOrDefault(nameCol).isEmpty()) {
      Columns.typeOf(schema, getOrDefault(nameCol), "nameCol");
    }
    for (String out : new String[] {getOrDefault(outputCol), getOrDefault(errorCol)}) {
      if (Arrays.asList(schema.fieldNames()).contains(out)) {
        throw new InvalidArgumentException("column '" + out + "' already exists in the data set; choose another outputCol/errorCol");
      }
    }
    return schema
        .add(getOrDefault(outputCol), DataTypes.createArrayType(DataTypes.FloatType, false), true)
        .add(getOrDefault(errorCol), DataTypes.StringType, true);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    StructType schema = dataset.schema();
    StructType out = transformSchema(schema);
    var settings = new HashMap<String, String>();
    for (String s : getOrDefault(embedderSettings)) {
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("embedder setting '" + s + "' is not key=value; write it as, e.g., \"model=ViT-B-32\"");
      }
      settings.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
    }
    int inputPos = schema.fieldIndex(getOrDefault(inputCol));
    boolean binary = schema.apply(inputPos).dataType() == DataTypes.BinaryType;
    int namePos = getOrDefault(nameCol).isEmpty() ? -1 : schema.fieldIndex(getOrDefault(nameCol));
    var fn = new EmbedPartition(getOrDefault(embedder), settings, inputPos, binary, namePos, (Integer) getOrDefault(batchSize));
    return dataset.toDF().mapPartitions(fn, Encoders.row(out));
  }

  @Override
  public ArtsimEmbedder copy(ParamMap extra) {
    return defaultCopy(extra);
  }
}
