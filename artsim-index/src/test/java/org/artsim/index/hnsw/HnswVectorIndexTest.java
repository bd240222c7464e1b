package org.artsim.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import org.artsim.FileFormatException;
import org.junit.jupiter.api.Test;

class HnswVectorIndexTest extends AbstractHnswIndexTest {

  @Override
  String provider() {
    return "hnsw";
  }

  /** Stands for any class an attacker could name in a crafted file. */
  static final class Foreign implements Serializable {
    private static final long serialVersionUID = 1L;
    static volatile boolean constructed;
    int payload = 7;

    private void readObject(java.io.ObjectInputStream in) throws IOException, ClassNotFoundException {
      constructed = true;
      in.defaultReadObject();
    }
  }

  private static byte[] serialized(Object o) throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    return bytes.toByteArray();
  }

  @Test
  void aGraphSectionNamingAForeignClassIsRefused() throws IOException {
    java.util.function.Function<String, FileFormatException> in = FileFormatException::new;
    assertThatThrownBy(() -> HnswlibGraphReader.read(serialized(new Foreign()), 4, in))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("outside the allow-list")
        .hasMessageContaining("refusing to deserialize");
    assertThat(Foreign.constructed).isFalse();
    assertThatThrownBy(() -> HnswlibGraphReader.read(serialized(new java.util.HashMap<String, String>()), 4, in))
        .isInstanceOf(FileFormatException.class)
        .hasMessageContaining("outside the allow-list");
    assertThatThrownBy(() -> HnswlibGraphReader.read(new byte[] {1, 2, 3}, 4, in)).isInstanceOf(FileFormatException.class).hasMessageContaining("damaged");
  }

  @Test
  void int8QuantizationIsRefusedNamingTheProviderThatHasIt() {
    assertThatThrownBy(() -> org.artsim.index.HnswConfig.hnswlib().withQuantization(org.artsim.index.HnswConfig.Quantization.INT8))
        .isInstanceOf(org.artsim.ConfigException.class)
        .hasMessage("hnsw: quantization int8 is only available with the \"hnsw-lucene\" provider; use it, or quantization none");
    assertThatThrownBy(() -> org.artsim.Artsim.index("hnsw", 4, org.artsim.Metric.L2, java.util.Map.of("quantization", "int8")))
        .isInstanceOf(org.artsim.ConfigException.class)
        .hasMessageStartingWith("hnsw: quantization int8 is only available");
  }
}
