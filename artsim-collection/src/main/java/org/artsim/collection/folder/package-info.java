/**
 * A folder of images as a catalogue: {@link org.artsim.collection.folder.FolderCatalogue} walks a
 * directory tree and writes the catalogue CSV that a collection ingests, with labels from the
 * sub-folder names and text from file names and sidecar metadata.
 */
package org.artsim.collection.folder;
