'use strict';
// Connects npm onvif@0.8.3 (its Cam) to Vigil's ONVIF device over HTTPS, trusting only the
// certificate given (a PEM file), and reads GetDeviceInformation. Prints one JSON line.
// Usage: node onvif-device-https.js HOSTNAME PORT USERNAME PASSWORD CA_PEM_FILE
const fs = require('fs');
const { Cam } = require('onvif');

function done(code, result) {
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(code));
}

const [hostname, port, username, password, caFile] = process.argv.slice(2);
const cam = new Cam({
  hostname, port: Number(port), path: '/onvif/device_service', username, password, timeout: 15000, autoconnect: false,
  useSecure: true, secureOpts: { ca: fs.readFileSync(caFile), rejectUnauthorized: true },
});
cam.connect(function (error) {
  if (error) return done(1, { ok: false, step: 'connect', error: error.message || String(error) });
  this.getDeviceInformation((infoError, information) => {
    if (infoError) return done(1, { ok: false, step: 'GetDeviceInformation', error: infoError.message || String(infoError) });
    done(0, { ok: true, information, uri: this.uri && this.uri.events ? this.uri.events.href : null });
  });
});
