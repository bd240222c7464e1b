package org.artsim.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.artsim.vector.VectorKernels;
import org.junit.jupiter.api.Test;

/** The second Surefire run of this module really runs on the scalar kernels. */
class KernelSelectionTest {
  @Test
  void theScalarRunUsesTheScalarKernels() {
    assumeTrue("scalar".equals(System.getProperty("artsim.kernels")), "only in the -Dartsim.kernels=scalar run");
    assertThat(VectorKernels.get().name()).isEqualTo("scalar");
  }
}
