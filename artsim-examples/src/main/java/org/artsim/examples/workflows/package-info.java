/** The five reference workflows of issue 7 as small mains, each run by a test on the generated default data. */
package org.artsim.examples.workflows;
