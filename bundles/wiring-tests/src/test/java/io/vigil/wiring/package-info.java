/** Vigil's bundles wired inside a real framework (run by bnd-testing-maven-plugin, wiring.bndrun). */
package io.vigil.wiring;
