/**
 * Many Vigil nodes as one system (Apache Kafka underneath): which cameras this node analyses, and the logs every node shares.
 * Present only on a node configured as a cluster member ({@code conf/io.vigil.cluster.cfg}); a
 * single node has no such service and runs every camera it has.
 */
@Export
@Version("1.1.0")
package io.vigil.api.cluster;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
