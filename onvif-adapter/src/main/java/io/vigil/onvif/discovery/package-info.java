/**
 * WS-Discovery as ONVIF uses it (Core specification, "Device discovery"): WS-Discovery 2005/04
 * over SOAP 1.2 with WS-Addressing 2004/08. Typed Probe, ProbeMatches, Hello and Bye messages
 * written and read through the secure XML layer, probe matching (types and RFC 3986 scopes), and
 * a UDP client for multicast and directed probes and for Hello/Bye announcements. Shared by the
 * camera client (finding cameras) and device sides (answering probes).
 */
@Export
@Version("1.2.0")
package io.vigil.onvif.discovery;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
