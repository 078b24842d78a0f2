'use strict';
// Discovers ONVIF devices by multicast with the npm package node-onvif@0.1.7 (its startProbe:
// Probes for NetworkVideoTransmitter, Device and NetworkVideoDisplay, three times each, to
// 239.255.255.250:3702 from an ephemeral port, collecting ProbeMatches for 3 s) and prints one
// JSON line:
//   {"ok":true,"devices":[{"urn":"urn:uuid:...","name":"...","xaddrs":["http://..."]}]}
// or {"ok":false,"error":"..."} with exit code 1. Multicast: run only inside a network namespace
// a test created.
// Usage: node node-onvif-discover.js
// The clients are found through NODE_PATH (./vigil installs them into its cache).
const onvif = require('node-onvif');

function done(code, result) {
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(code));
}

onvif.startProbe().then((found) => {
  const devices = found.map((device) => ({
    urn: device.urn,
    name: device.name,
    types: device.types,
    xaddrs: device.xaddrs,
  }));
  done(0, { ok: true, devices });
}).catch((error) => done(1, { ok: false, error: error && error.message ? error.message : String(error) }));
