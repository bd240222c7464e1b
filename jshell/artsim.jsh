// artsim JShell startup: the imports a session needs. Loaded by ./artsim jshell.
// Search a saved collection in three lines:
//   var art = ArtCollection.load(Path.of("artsim-demo-output/collection"))
//   art.searchText("indigo cranes", 5)
//   art.similarTo("w-0006", 5, LabelFilter.anyOf("culture", "chinese"))
import org.artsim.*;
import org.artsim.spi.*;
import org.artsim.vector.*;
import org.artsim.collection.*;
import org.artsim.collection.analysis.*;
import org.artsim.collection.ingest.*;
import org.artsim.collection.sample.*;
import org.artsim.collection.view.*;
