'use strict';
// npm onvif@0.8.3 (its Cam) logs in to an ONVIF device, over HTTP or HTTPS, and reads
// GetSystemDateAndTime and GetDeviceInformation. Prints one JSON line: {ok, information} or {ok:false, step, error}.
// Usage: node onvif-device-info.js HOSTNAME PORT USERNAME PASSWORD http|https
const { Cam } = require('onvif');

function done(code, result) {
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(code));
}

const [hostname, port, username, password, scheme] = process.argv.slice(2);
const secure = scheme === 'https';
// the device's generated certificate is self-signed: the Java test checks its fingerprint itself
const cam = new Cam({
  hostname, port: Number(port), path: '/onvif/device_service', username, password, timeout: 15000, autoconnect: false,
  useSecure: secure, secureOpts: secure ? { rejectUnauthorized: false } : undefined,
});
// the device's clock first (before login, as ONVIF has it): the UsernameToken's Created follows it
cam.getSystemDateAndTime((timeError) => {
  if (timeError) return done(1, { ok: false, step: 'GetSystemDateAndTime', error: timeError.message || String(timeError) });
  cam.getDeviceInformation((error, information) => {
    if (error) return done(1, { ok: false, step: 'GetDeviceInformation', error: error.message || String(error) });
    done(0, { ok: true, information });
  });
});
