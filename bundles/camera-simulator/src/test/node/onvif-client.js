'use strict';
// Connects to an ONVIF device with the npm package onvif@0.8.3 (its Cam) and prints one JSON line:
//   {"ok":true,"profiles":[{"token","name","encoding","width","height"}],"streamUri":"rtsp://..."}
// or {"ok":false,"error":"..."} with exit code 1.
// Usage: node onvif-client.js HOSTNAME PORT PATH USERNAME PASSWORD
// The clients are found through NODE_PATH (./vigil installs them into its cache).
const { Cam } = require('onvif');

function done(code, result) {
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(code));
}

function fail(error) {
  done(1, { ok: false, error: error && error.message ? error.message : String(error) });
}

const [hostname, port, path, username, password] = process.argv.slice(2);
if (!hostname || !port || !path || username === undefined || password === undefined) {
  fail(new Error('usage: node onvif-client.js HOSTNAME PORT PATH USERNAME PASSWORD'));
} else {
  const warnings = [];
  const cam = new Cam({ hostname, port: Number(port), path, username, password, timeout: 15000, autoconnect: false });
  cam.on('warning', (warning) => warnings.push(String(warning)));
  cam.connect(function (error) {
    if (error) {
      fail(error);
      return;
    }
    if (warnings.length) {
      // onvif@0.8.3 reports failed media calls as a warning and drops the profiles: for us an error
      fail(new Error('warning: ' + warnings.join('; ')));
      return;
    }
    const profiles = (this.profiles || []).map((profile) => {
      const encoder = profile.videoEncoderConfiguration || {};
      const resolution = encoder.resolution || {};
      return {
        token: profile.$.token,
        name: profile.name,
        encoding: encoder.encoding,
        width: resolution.width,
        height: resolution.height,
      };
    });
    if (profiles.length === 0) {
      fail(new Error('no profiles'));
      return;
    }
    this.getStreamUri({ protocol: 'RTSP', profileToken: profiles[0].token }, (uriError, stream) => {
      if (uriError) {
        fail(uriError);
        return;
      }
      done(0, {
        ok: true,
        media2: Boolean(this.media2Support),
        videoSources: (this.videoSources || []).map((source) => source.$.token),
        profiles,
        streamUri: typeof stream === 'string' ? stream : stream.uri,
      });
    });
  });
}
