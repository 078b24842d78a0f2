'use strict';
// Connects to an ONVIF device with the npm package node-onvif@0.1.7 (its OnvifDevice) and prints
// one JSON line:
//   {"ok":true,"information":{...},"profiles":[{"token","name","encoding","width","height",
//    "rtsp","snapshot"}],"streamUri":"rtsp://..."}   (streamUri: the current profile's RTSP URI)
// or {"ok":false,"error":"..."} with exit code 1.
// Usage: node node-onvif-client.js XADDR USER PASS
// The clients are found through NODE_PATH (./vigil installs them into its cache).
const { OnvifDevice } = require('node-onvif');

function done(code, result) {
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(code));
}

function fail(error) {
  done(1, { ok: false, error: error && error.message ? error.message : String(error) });
}

const [xaddr, user, pass] = process.argv.slice(2);
if (!xaddr || user === undefined || pass === undefined) {
  fail(new Error('usage: node node-onvif-client.js XADDR USER PASS'));
} else {
  const device = new OnvifDevice({ xaddr, user, pass });
  device.init().then((information) => {
    const profiles = device.getProfileList().map((profile) => ({
      token: profile.token,
      name: profile.name,
      encoding: profile.video.encoder ? profile.video.encoder.encoding : null,
      width: profile.video.encoder ? profile.video.encoder.resolution.width : null,
      height: profile.video.encoder ? profile.video.encoder.resolution.height : null,
      rtsp: profile.stream.rtsp,
      snapshot: profile.snapshot,
    }));
    const current = device.getCurrentProfile();
    done(0, {
      ok: true,
      information,
      profiles,
      streamUri: current ? current.stream.rtsp : null,
    });
  }).catch(fail);
}
