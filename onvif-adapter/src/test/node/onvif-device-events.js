'use strict';
// Drives Vigil's ONVIF device with the npm package onvif@0.8.3 (its Cam): connect, read the
// profiles, GetEventProperties, CreatePullPointSubscription, PullMessages until a message arrives
// (the Java test injects a recognition meanwhile), Renew, Unsubscribe. Prints one JSON line.
// Usage: node onvif-device-events.js HOSTNAME PORT USERNAME PASSWORD
const { Cam } = require('onvif');

function done(code, result) {
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(code));
}
function fail(step, error) {
  done(1, { ok: false, step, error: error && error.message ? error.message : String(error) });
}

const [hostname, port, username, password] = process.argv.slice(2);
const cam = new Cam({ hostname, port: Number(port), path: '/onvif/device_service', username, password, timeout: 15000, autoconnect: false });
cam.connect(function (error) {
  if (error) return fail('connect', error);
  const profiles = (this.profiles || []).map((p) => p.$.token);
  const videoSources = (this.videoSources || []).map((s) => s.$.token);
  this.getEventProperties((propertiesError, properties) => {
    if (propertiesError) return fail('GetEventProperties', propertiesError);
    const topics = JSON.stringify(properties.topicSet || {});
    this.createPullPointSubscription((subscribeError, subscription) => {
      if (subscribeError) return fail('CreatePullPointSubscription', subscribeError);
      const address = subscription.subscriptionReference.address.href;
      const started = Date.now();
      const pullOnce = () => this.pullMessages({ timeout: 60000, messageLimit: 10 }, (pullError, data) => {
        if (pullError) return fail('PullMessages', pullError);
        let messages = data && data.notificationMessage ? data.notificationMessage : [];
        if (!Array.isArray(messages)) messages = [messages];
        if (messages.length === 0) {
          if (Date.now() - started > 30000) return fail('PullMessages', new Error('no message within 30 s'));
          return pullOnce();
        }
        const received = Date.now();
        this.renew({}, (renewError, renewed) => {
          if (renewError) return fail('Renew', renewError);
          this.unsubscribe((unsubscribeError) => {
            if (unsubscribeError) return fail('Unsubscribe', unsubscribeError);
            done(0, { ok: true, profiles, videoSources, media2: Boolean(this.media2Support), topics, address,
              received, messages, renewed: JSON.stringify(renewed) });
          });
        });
      });
      pullOnce();
    });
  });
});
