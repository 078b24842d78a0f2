'use strict';
// Discovers ONVIF devices by multicast with the npm package onvif@0.8.3 (its Discovery.probe: one
// Probe for dn:NetworkVideoTransmitter to 239.255.255.250:3702 from an ephemeral port) and prints
// one JSON line:
//   {"ok":true,"devices":[{"urn":"urn:uuid:...","xaddrs":["http://..."]}],"errors":["..."]}
// (errors: datagrams the client could not read as a ProbeMatch) or {"ok":false,"error":"..."}
// with exit code 1. Multicast: run only inside a network namespace a test created.
// Usage: node onvif-discover.js TIMEOUT_MS
// The clients are found through NODE_PATH (./vigil installs them into its cache).
const { Discovery } = require('onvif');

function done(code, result) {
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(code));
}

function message(error) {
  return error && error.message ? error.message : String(error);
}

const timeout = Number(process.argv[2]);
if (!(timeout > 0)) {
  done(1, { ok: false, error: 'usage: node onvif-discover.js TIMEOUT_MS' });
} else {
  // the Discovery singleton also emits 'error' for each unreadable datagram: without a listener
  // an EventEmitter throws
  Discovery.on('error', () => {});
  // resolve: false gives the parsed ProbeMatches instead of a Cam that would connect at once
  Discovery.probe({ timeout, resolve: false }, (errors, found) => {
    const devices = (found || []).map((data) => {
      const match = data.probeMatches.probeMatch;
      return { urn: match.endpointReference.address, xaddrs: String(match.XAddrs).split(/\s+/) };
    });
    const problems = Array.isArray(errors) ? errors.map(message) : errors ? [message(errors)] : [];
    done(0, { ok: true, devices, errors: problems });
  });
}
