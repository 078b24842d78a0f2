'use strict';
// A VMS's view of Vigil, through the npm package onvif@0.8.3 (its Cam): connect to Vigil's
// device service, GetEventProperties, CreatePullPointSubscription, print "subscribed" (the Java
// test then makes the recognition happen), PullMessages until a tns1:RuleEngine/Recognition/Face
// message arrives (other topics, such as the per-source alarm state, are counted and skipped),
// note when it arrived, read the profiles and video sources as they are now and the stream URI of
// the profile showing the recognition's source, Renew, Unsubscribe.
// Prints one JSON line. Usage: node onvif-recognition.js HOSTNAME PORT USERNAME PASSWORD WAIT_SECONDS
const { Cam } = require('onvif');

function done(code, result) {
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(code));
}
function fail(step, error) {
  done(1, { ok: false, step, error: error && error.message ? error.message : String(error) });
}

// every tt:SimpleItem of a parsed message part, as name -> value
function simpleItems(part, into) {
  if (Array.isArray(part)) {
    part.forEach((p) => simpleItems(p, into));
  } else if (part && typeof part === 'object') {
    if (part.$ && part.$.Name !== undefined && part.$.Value !== undefined) {
      into[part.$.Name] = String(part.$.Value);
    }
    Object.keys(part).filter((k) => k !== '$').forEach((k) => simpleItems(part[k], into));
  }
  return into;
}

const [hostname, port, username, password, waitSeconds] = process.argv.slice(2);
const cam = new Cam({ hostname, port: Number(port), path: '/onvif/device_service', username, password, timeout: 15000, autoconnect: false });
cam.connect(function (error) {
  if (error) return fail('connect', error);
  this.getEventProperties((propertiesError, properties) => {
    if (propertiesError) return fail('GetEventProperties', propertiesError);
    const topics = JSON.stringify(properties.topicSet || {});
    this.createPullPointSubscription((subscribeError, subscription) => {
      if (subscribeError) return fail('CreatePullPointSubscription', subscribeError);
      const address = subscription.subscriptionReference.address.href;
      process.stdout.write('subscribed ' + address + '\n');
      const started = Date.now();
      let pulls = 0;
      let others = 0;
      const pullOnce = () => this.pullMessages({ timeout: 60000, messageLimit: 10 }, (pullError, data) => {
        pulls++;
        if (pullError) return fail('PullMessages', pullError);
        const received = Date.now();
        let messages = data && data.notificationMessage ? data.notificationMessage : [];
        if (!Array.isArray(messages)) messages = [messages];
        const recognition = messages.find((m) => String(m.topic && m.topic._ !== undefined ? m.topic._ : m.topic).endsWith('RuleEngine/Recognition/Face'));
        others += messages.length - (recognition ? 1 : 0);
        if (!recognition) {
          if (Date.now() - started > Number(waitSeconds) * 1000) return fail('PullMessages', new Error('no recognition within ' + waitSeconds + ' s'));
          return pullOnce();
        }
        const inner = recognition.message.message;
        const utcTime = inner.$.UtcTime instanceof Date ? inner.$.UtcTime.toISOString() : String(inner.$.UtcTime);
        const source = simpleItems(inner.source, {});
        const dataItems = simpleItems(inner.data, {});
        this.getProfiles((profilesError, profiles) => {
          if (profilesError) return fail('GetProfiles', profilesError);
          this.getVideoSources((sourcesError, sources) => {
            if (sourcesError) return fail('GetVideoSources', sourcesError);
            const profileSources = {};
            (profiles || []).forEach((p) => {
              const vsc = p.videoSourceConfiguration;
              profileSources[p.$.token] = vsc ? vsc.sourceToken : null;
            });
            const sourceTokens = (Array.isArray(sources) ? sources : [sources]).filter(Boolean).map((s) => s.$.token);
            const token = Object.keys(profileSources).find((p) => profileSources[p] === source.VideoSource);
            this.getStreamUri({ protocol: 'RTSP', profileToken: token }, (uriError, stream) => {
            if (uriError) return fail('GetStreamUri', uriError);
            this.renew({}, (renewError, renewed) => {
              if (renewError) return fail('Renew', renewError);
              this.unsubscribe((unsubscribeError) => {
                if (unsubscribeError) return fail('Unsubscribe', unsubscribeError);
                done(0, { ok: true, topics, address, pulls, others, received, utcTime, topic: String(recognition.topic._),
                  source, data: dataItems, profileSources, sourceTokens, streamUri: stream && stream.uri,
                  renewedUntil: renewed && renewed.terminationTime ? new Date(renewed.terminationTime).toISOString() : null });
              });
            });
            });
          });
        });
      });
      pullOnce();
    });
  });
});
