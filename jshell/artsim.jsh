// artsim JShell startup: the imports a session needs. Loaded by ./artsim jshell.
// Search a saved collection in three lines:
//   var art = ArtCollection.load(Path.of("artsim-demo-output/collection"))       // org.artsim.collection.ArtCollection
//   art.searchText("indigo cranes", 5)
//   art.similarTo("w-0006", 5, LabelFilter.anyOf("culture", "chinese"))          // org.artsim.LabelFilter
// Ingest a catalogue (relative image paths resolve against the catalogue's directory):
//   var art = ArtCollection.create(CollectionConfig.defaults())                   // org.artsim.collection.CollectionConfig
//   art.ingest(Path.of("catalogue.csv"), ColumnMapping.standard())                // org.artsim.collection.ingest.ColumnMapping
// Analysis: art.analysis().clusters(8, 42), art.analysis().mostUnique(5)          // results in org.artsim.analysis
import java.nio.file.Path;
import org.artsim.*;
import org.artsim.analysis.*;
import org.artsim.spi.*;
import org.artsim.vector.*;
import org.artsim.collection.*;
import org.artsim.collection.ingest.*;
import org.artsim.collection.sample.*;
import org.artsim.collection.view.*;
