/** artsim's embedded default collection, drawn procedurally from a seed (no network, nothing large committed). */
package org.artsim.collection.sample;
