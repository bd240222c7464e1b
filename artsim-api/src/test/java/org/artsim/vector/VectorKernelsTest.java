package org.artsim.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.artsim.testing.RandomVectors;
import org.artsim.testing.Seeds;
import org.artsim.vector.VectorKernels.Score;
import org.junit.jupiter.api.Test;

class VectorKernelsTest {
  private final VectorKernels simd = VectorKernels.get();
  private final VectorKernels scalar = VectorKernels.scalar();

  @Test
  void testsRunWithTheKernelsTheBuildAskedFor() {
    // surefire passes --add-modules jdk.incubator.vector (without it these tests would compare scalar with
    // itself); the scalar-kernels execution forces the scalar twin with -Dartsim.kernels=scalar
    String expected = "scalar".equals(System.getProperty("artsim.kernels")) ? "scalar" : "panama";
    assertThat(simd.name()).isEqualTo(expected);
    assertThat(scalar.lanes()).isEqualTo(simd.lanes());
  }

  @Test
  void simdAndScalarAgreeBitForBit() {
    Seeds.stream("kernels", 200)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = 1 + r.nextInt(r.nextBoolean() ? 40 : 1600);
              int offA = r.nextInt(5);
              int offB = r.nextInt(5);
              float[] a = RandomVectors.gaussian(r, dim + offA);
              float[] b = RandomVectors.gaussian(r, dim + offB);
              String ctx = Seeds.reproduce(seed) + " dim " + dim;
              assertThat(Float.floatToIntBits(simd.dot(a, offA, b, offB, dim)))
                  .as(ctx)
                  .isEqualTo(Float.floatToIntBits(scalar.dot(a, offA, b, offB, dim)));
              assertThat(Float.floatToIntBits(simd.squaredDistance(a, offA, b, offB, dim)))
                  .as(ctx)
                  .isEqualTo(Float.floatToIntBits(scalar.squaredDistance(a, offA, b, offB, dim)));
            });
  }

  @Test
  void kernelsMatchDoublePrecisionWithinRounding() {
    Seeds.stream("kernels-double", 100)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = 1 + r.nextInt(2000);
              float[] a = RandomVectors.gaussian(r, dim);
              float[] b = RandomVectors.gaussian(r, dim);
              double dot = 0;
              double l2 = 0;
              for (int i = 0; i < dim; i++) {
                dot += (double) a[i] * b[i];
                l2 += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
              }
              double tol = 1e-5 * Math.sqrt(dim) * Math.max(1, Math.sqrt(dim));
              assertThat((double) simd.dot(a, b)).as(Seeds.reproduce(seed)).isCloseTo(dot, org.assertj.core.data.Offset.offset(tol));
              assertThat((double) simd.squaredDistance(a, b)).as(Seeds.reproduce(seed)).isCloseTo(l2, org.assertj.core.data.Offset.offset(tol * 4));
            });
  }

  @Test
  void manyRowAndBlockPathsEqualThePairPath() {
    Seeds.stream("kernels-block", 40)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = 1 + r.nextInt(300);
              int rows = 1 + r.nextInt(40);
              int queries = 1 + r.nextInt(11);
              float[] data = RandomVectors.gaussian(r, rows * dim);
              float[] qs = RandomVectors.gaussian(r, queries * dim);
              int rowFrom = r.nextInt(rows);
              int qFrom = r.nextInt(queries);
              for (Score score : Score.values()) {
                for (VectorKernels k : new VectorKernels[] {simd, scalar}) {
                  int width = rows - rowFrom;
                  float[] block = new float[(queries - qFrom) * width];
                  k.scoreBlock(score, qs, qFrom, queries, data, dim, rowFrom, rows, block);
                  for (int i = qFrom; i < queries; i++) {
                    float[] many = new float[width + 3];
                    k.scoreRows(score, qs, i * dim, data, dim, rowFrom, rows, many, 3);
                    for (int row = rowFrom; row < rows; row++) {
                      float pair = score == Score.DOT ? scalar.dot(qs, i * dim, data, row * dim, dim) : -scalar.squaredDistance(qs, i * dim, data, row * dim, dim);
                      String ctx = Seeds.reproduce(seed) + " " + k.name() + " " + score + " q" + i + " r" + row;
                      assertThat(many[3 + row - rowFrom]).as(ctx).isEqualTo(pair);
                      assertThat(block[(i - qFrom) * width + row - rowFrom]).as(ctx).isEqualTo(pair);
                    }
                  }
                }
              }
            });
  }

  @Test
  void gatheredRowsEqualThePairPath() {
    Seeds.stream("kernels-gathered", 40)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = 1 + r.nextInt(300);
              int count = 1 + r.nextInt(30);
              float[][] rows = new float[count][];
              for (int i = 0; i < count; i++) {
                rows[i] = RandomVectors.gaussian(r, dim + r.nextInt(3));
              }
              float[] q = RandomVectors.gaussian(r, dim);
              int[] ids = new int[1 + r.nextInt(20)];
              for (int i = 0; i < ids.length; i++) {
                ids[i] = r.nextInt(count);
              }
              int from = r.nextInt(ids.length);
              for (Score score : Score.values()) {
                for (VectorKernels k : new VectorKernels[] {simd, scalar}) {
                  float[] out = new float[ids.length - from + 2];
                  k.scoreGathered(score, q, rows, ids, from, ids.length, dim, out, 2);
                  for (int i = from; i < ids.length; i++) {
                    float[] row = rows[ids[i]];
                    float pair = score == Score.DOT ? scalar.dot(q, 0, row, 0, dim) : -scalar.squaredDistance(q, 0, row, 0, dim);
                    assertThat(out[2 + i - from]).as(Seeds.reproduce(seed) + " " + k.name() + " " + score + " i" + i).isEqualTo(pair);
                  }
                }
              }
            });
  }

  @Test
  void blockTilesEqualThePairPathAtEveryEdgeAndWidth() {
    // tiles of 4x4 (16 lanes), 2x4 (8) or 2x2 (4) with partial tiles at the edges, dims below, at and off multiples of the lanes
    int lanes = simd.lanes();
    Seeds.stream("kernels-tiles", 60)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = r.nextBoolean() ? lanes * (1 + r.nextInt(6)) : 1 + r.nextInt(5 * lanes);
              int rows = 1 + r.nextInt(70);
              int queries = 1 + r.nextInt(40);
              float[] data = RandomVectors.gaussian(r, rows * dim);
              float[] qs = RandomVectors.gaussian(r, queries * dim);
              int rowFrom = r.nextInt(rows);
              int qFrom = r.nextInt(queries);
              int width = rows - rowFrom;
              for (Score score : Score.values()) {
                float[] block = new float[(queries - qFrom) * width];
                simd.scoreBlock(score, qs, qFrom, queries, data, dim, rowFrom, rows, block);
                for (int i = qFrom; i < queries; i++) {
                  for (int row = rowFrom; row < rows; row++) {
                    float pair = score == Score.DOT ? scalar.dot(qs, i * dim, data, row * dim, dim) : -scalar.squaredDistance(qs, i * dim, data, row * dim, dim);
                    assertThat(Float.floatToIntBits(block[(i - qFrom) * width + row - rowFrom]))
                        .as(Seeds.reproduce(seed) + " " + score + " dim " + dim + " q" + i + " r" + row)
                        .isEqualTo(Float.floatToIntBits(pair));
                  }
                }
              }
            });
  }

  /**
   * The packed kernel sums each pair in element order, identically in both implementations, at
   * every tile edge; the packing transposes the rows, zeroes the padding and reports the largest
   * squared norm; and each packed score stays within the documented bound of the exact score.
   */
  @Test
  void packedScoresAgreeBitForBitAcrossImplementationsAndStayWithinTheirBound() {
    int lanes = simd.lanes();
    Seeds.stream("kernels-packed", 80)
        .forEach(
            seed -> {
              var r = new SplittableRandom(seed);
              int dim = r.nextBoolean() ? lanes * (1 + r.nextInt(6)) : 1 + r.nextInt(5 * lanes);
              int rows = 1 + r.nextInt(140);
              int queries = 1 + r.nextInt(30);
              float scale = r.nextBoolean() ? 1 : (float) Math.pow(10, r.nextInt(9) - 4);
              float[] data = RandomVectors.gaussian(r, rows * dim);
              float[] qs = RandomVectors.gaussian(r, queries * dim);
              for (int i = 0; i < data.length; i++) {
                data[i] *= scale;
              }
              int rowFrom = r.nextInt(rows);
              int qFrom = r.nextInt(queries);
              int width = rows - rowFrom;
              String ctx = Seeds.reproduce(seed) + " dim " + dim + " rows " + rowFrom + ".." + rows + " queries " + qFrom + ".." + queries;
              int stride = simd.packedStride(width);
              assertThat(stride).as(ctx).isEqualTo(scalar.packedStride(width)).isGreaterThanOrEqualTo(width).isLessThan(width + lanes);
              assertThat(stride % lanes).as(ctx).isZero();
              float[] packed = new float[dim * stride];
              java.util.Arrays.fill(packed, Float.NaN);
              float maxNorm = simd.packRows(data, dim, rowFrom, rows, packed);
              float expectedMax = 0;
              for (int j = 0; j < stride; j++) {
                float norm = 0;
                for (int k = 0; k < dim; k++) {
                  float x = j < width ? data[(rowFrom + j) * dim + k] : 0;
                  assertThat(packed[k * stride + j]).as(ctx + " packed element " + k + " of column " + j).isEqualTo(x);
                  norm = Math.fma(x, x, norm);
                }
                expectedMax = Math.max(expectedMax, norm);
              }
              assertThat(maxNorm).as(ctx).isEqualTo(expectedMax);
              for (Score score : Score.values()) {
                float[] a = new float[(queries - qFrom) * stride];
                float[] b = new float[(queries - qFrom) * stride];
                simd.scorePacked(score, qs, qFrom, queries, packed, dim, width, a);
                scalar.scorePacked(score, qs, qFrom, queries, packed, dim, width, b);
                double gamma = (dim + 2) * 0x1p-24 / (1 - (dim + 2) * 0x1p-24);
                for (int i = qFrom; i < queries; i++) {
                  for (int j = 0; j < width; j++) {
                    int at = (i - qFrom) * stride + j;
                    String pair = ctx + " " + score + " q" + i + " r" + (rowFrom + j);
                    assertThat(Float.floatToIntBits(a[at])).as(pair).isEqualTo(Float.floatToIntBits(b[at]));
                    double exact = 0;
                    double magnitude = 0;
                    for (int k = 0; k < dim; k++) {
                      double x = qs[i * dim + k];
                      double y = data[(rowFrom + j) * dim + k];
                      exact += score == Score.DOT ? x * y : -(x - y) * (x - y);
                      magnitude += score == Score.DOT ? Math.abs(x * y) : (x - y) * (x - y);
                    }
                    assertThat((double) a[at]).as(pair).isCloseTo(exact, org.assertj.core.data.Offset.offset(gamma * magnitude + Double.MIN_NORMAL));
                  }
                }
              }
            });
  }

  @Test
  void theTileButterflyLeavesEveryPairInExactlyOneLane() {
    org.junit.jupiter.api.Assumptions.assumeTrue("panama".equals(simd.name()), "Vector API kernels in use");
    org.junit.jupiter.api.Assumptions.assumeTrue(PanamaTiles.SUPPORTED, "a tile for this lane count");
    int[] owner = PanamaTiles.owners();
    assertThat(owner).hasSize(simd.lanes());
    assertThat(java.util.Arrays.stream(owner).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, simd.lanes()).toArray());
    assertThat(PanamaTiles.QT * PanamaTiles.RT).isEqualTo(simd.lanes());
  }

  @Test
  void theWidthPropertyNarrowsTheSpeciesAndIgnoresWidthsTheMachineLacks() {
    org.junit.jupiter.api.Assumptions.assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "Vector API module loaded");
    var preferred = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED;
    assertThat(PanamaKernels.species(null)).isEqualTo(preferred);
    assertThat(PanamaKernels.species("fast")).isEqualTo(preferred);
    assertThat(PanamaKernels.species("1024")).isEqualTo(preferred);
    assertThat(PanamaKernels.species(" 128 ").vectorBitSize()).isEqualTo(Math.min(128, preferred.vectorBitSize()));
    assertThat(PanamaKernels.species("256").vectorBitSize()).isEqualTo(preferred.vectorBitSize() >= 256 ? 256 : preferred.vectorBitSize());
    assertThat(PanamaKernels.species("512").vectorBitSize()).isEqualTo(preferred.vectorBitSize() >= 512 ? 512 : preferred.vectorBitSize());
    String asked = System.getProperty("artsim.kernels.bits");
    if ("panama".equals(simd.name())) {
      assertThat(simd.lanes() * 32).as("lanes follow -Dartsim.kernels.bits=" + asked).isEqualTo(PanamaKernels.species(asked).vectorBitSize());
    }
  }
}
