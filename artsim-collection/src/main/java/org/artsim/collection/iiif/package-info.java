/**
 * IIIF Image API images (versions 2 and 3): a catalogue's image URL that is an IIIF {@code
 * info.json} (or, with {@code imageKind=iiif}, an IIIF base URL) is read as the derivative of the
 * size the embedder needs, chosen from the server's {@code info.json}, never the full image.
 * {@link org.artsim.collection.iiif.IiifImages} is the entry point; the embedding route of every
 * collection resolves such URLs through it.
 */
package org.artsim.collection.iiif;
