'use strict';
// vigil bench events: the VMS side, npm onvif@0.8.3 (its Cam), against a private bench device of
// the running container. Subscribes by PullPoint, prints "subscribed", then pulls (up to 100
// messages a pull) and, for each tns1:RuleEngine/Recognition/Face message, notes when it arrived:
// EnrollmentID lat-N: arrival - UtcTime (the bench sets UtcTime to the publish time); tput-N:
// counted with the first and last arrival; end: unsubscribes and prints one JSON line.
// Usage: node bench-events.js PORT USER PASSWORD (NODE_PATH: where onvif is installed)
const { Cam } = require('onvif');

function done(code, result) {
  process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(code));
}
function fail(step, error) {
  done(1, { ok: false, step, error: error && error.message ? error.message : String(error) });
}
function enrollment(message) {
  let items = message.message.message.data && message.message.message.data.simpleItem;
  if (!items) return '';
  if (!Array.isArray(items)) items = [items];
  const item = items.find((i) => i.$ && i.$.Name === 'EnrollmentID');
  return item ? String(item.$.Value) : '';
}

const [port, username, password] = process.argv.slice(2);
const cam = new Cam({ hostname: '127.0.0.1', port: Number(port), path: '/onvif/device_service', username, password,
  timeout: 30000, autoconnect: false });
cam.connect(function (error) {
  if (error) return fail('connect', error);
  this.createPullPointSubscription((subscribeError) => {
    if (subscribeError) return fail('CreatePullPointSubscription', subscribeError);
    process.stdout.write('subscribed\n');
    const latencies = [];
    const tput = { count: 0, first: 0, last: 0 };
    let pulls = 0;
    const pullOnce = () => this.pullMessages({ timeout: 5000, messageLimit: 100 }, (pullError, data) => {
      if (pullError) return fail('PullMessages', pullError);
      pulls++;
      const now = Date.now();
      let messages = data && data.notificationMessage ? data.notificationMessage : [];
      if (!Array.isArray(messages)) messages = [messages];
      let ended = false;
      for (const m of messages) {
        const topic = String(m.topic && m.topic._ !== undefined ? m.topic._ : m.topic);
        if (!topic.endsWith('RuleEngine/Recognition/Face')) continue;
        const id = enrollment(m);
        if (id.startsWith('lat-')) {
          const utc = m.message.message.$.UtcTime;
          latencies.push(now - new Date(utc).getTime());
        } else if (id.startsWith('tput-')) {
          if (tput.count === 0) tput.first = now;
          tput.count++;
          tput.last = now;
        } else if (id === 'end') {
          ended = true;
        }
      }
      if (!ended) return pullOnce();
      this.unsubscribe(() => done(0, { ok: true, latencies, tput, pulls }));
    });
    pullOnce();
  });
});
