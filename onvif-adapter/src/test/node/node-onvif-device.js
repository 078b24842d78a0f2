'use strict';
// Connects to Vigil's ONVIF device with node-onvif@0.1.7 (OnvifDevice): init (GetCapabilities,
// GetDeviceInformation, GetProfiles, GetStreamUri, ...), then GetEventProperties. One JSON line.
// Usage: node node-onvif-device.js XADDR USER PASS
const { OnvifDevice } = require('node-onvif');

function done(code, result) {
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(code));
}
const [xaddr, user, pass] = process.argv.slice(2);
const device = new OnvifDevice({ xaddr, user, pass });
device.init().then((information) => {
  const profiles = device.getProfileList().map((p) => ({ token: p.token, name: p.name, rtsp: p.stream.rtsp }));
  return device.services.events.getEventProperties().then((result) => {
    done(0, { ok: true, information, profiles, events: JSON.stringify(result.data) });
  });
}).catch((error) => done(1, { ok: false, error: error && error.message ? error.message : String(error) }));
