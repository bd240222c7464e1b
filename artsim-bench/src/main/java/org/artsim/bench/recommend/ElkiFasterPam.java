package org.artsim.bench.recommend;

import elki.clustering.kmedoids.FasterPAM;
import elki.clustering.kmedoids.initialization.KMedoidsInitialization;
import elki.data.Cluster;
import elki.data.NumberVector;
import elki.data.model.MedoidModel;
import elki.data.type.TypeUtil;
import elki.database.StaticArrayDatabase;
import elki.database.ids.ArrayDBIDs;
import elki.database.ids.ArrayModifiableDBIDs;
import elki.database.ids.DBIDArrayIter;
import elki.database.ids.DBIDRef;
import elki.database.ids.DBIDUtil;
import elki.database.query.QueryBuilder;
import elki.database.query.distance.DistanceQuery;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.minkowski.EuclideanDistance;

/**
 * ELKI 0.8.0's FasterPAM (AGPL, benchmark only) on the same vectors and from the same starting
 * medoids as artsim, through ELKI's public API. ELKI does not report the loss; callers compute it
 * from the returned medoid indices.
 */
final class ElkiFasterPam {
  final Relation<NumberVector> relation;
  final ArrayDBIDs ids;

  ElkiFasterPam(float[][] data) {
    double[][] d = new double[data.length][];
    for (int i = 0; i < data.length; i++) {
      d[i] = new double[data[i].length];
      for (int j = 0; j < data[i].length; j++) {
        d[i][j] = data[i][j];
      }
    }
    var db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(d));
    db.initialize();
    this.relation = db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
    this.ids = DBIDUtil.ensureArray(relation.getDBIDs());
  }

  /** ELKI's precomputed distance matrix (the query its FasterPAM builds by default). */
  DistanceQuery<NumberVector> precomputed() {
    return new QueryBuilder<>(relation, EuclideanDistance.STATIC).precomputed().distanceQuery();
  }

  /** Distances computed on demand, for n too large for a matrix. */
  DistanceQuery<NumberVector> onTheFly() {
    return new QueryBuilder<>(relation, EuclideanDistance.STATIC).distanceQuery();
  }

  /** Runs FasterPAM from the given medoids (object numbers); returns the final medoids' object numbers. */
  int[] run(DistanceQuery<NumberVector> dq, int[] init, int maxIterations) {
    var pam = new FasterPAM<NumberVector>(EuclideanDistance.STATIC, init.length, maxIterations, fixed(init));
    var clustering = pam.run(relation, init.length, dq);
    int[] out = new int[init.length];
    int c = 0;
    DBIDArrayIter it = ids.iter();
    for (Cluster<MedoidModel> cluster : clustering.getAllClusters()) {
      out[c++] = indexOf(it, cluster.getModel().getMedoid());
    }
    return out;
  }

  /** ELKI's FasterCLARA (BUILD on each sample, keeping the best medoids in later samples). */
  int[] clara(int k, int samples, int sampleSize, long seed) {
    var clara =
        new elki.clustering.kmedoids.FasterCLARA<NumberVector>(
            EuclideanDistance.STATIC, k, 100, new elki.clustering.kmedoids.initialization.BUILD<>(), samples, sampleSize, true,
            new elki.utilities.random.RandomFactory(seed));
    var clustering = clara.run(relation);
    int[] out = new int[k];
    int c = 0;
    DBIDArrayIter it = ids.iter();
    for (Cluster<MedoidModel> cluster : clustering.getAllClusters()) {
      out[c++] = indexOf(it, cluster.getModel().getMedoid());
    }
    return out;
  }

  private int indexOf(DBIDArrayIter it, DBIDRef id) {
    int pos = ids.binarySearch(id);
    if (pos >= 0) {
      return pos;
    }
    for (it.seek(0); it.valid(); it.advance()) {
      if (DBIDUtil.equal(it, id)) {
        return it.getOffset();
      }
    }
    throw new IllegalStateException("medoid not found");
  }

  private KMedoidsInitialization<NumberVector> fixed(int[] init) {
    return (k, candidates, distance) -> {
      ArrayModifiableDBIDs out = DBIDUtil.newArray(k);
      DBIDArrayIter it = ids.iter();
      for (int m : init) {
        it.seek(m);
        out.add(it);
      }
      return out;
    };
  }
}
