// The embed snippet of docs/embed.md before minification: `npm run build:browser` writes the
// minified one to dist/browser/leadscore-snippet.html, which the docs show (test/embed.browser.test.ts
// checks they are the same). An inline classic script: it defines `window.leadscore` at once, whose
// every method queues its call and returns a promise of the result, and loads the loader
// (leadscore-embed.js) without blocking the page; the loader runs the queued calls once the SDK
// has loaded. If the loader cannot load, the queued calls and every later one reject.
((window, document, src) => {
  if (window.leadscore) return;
  const embed = { q: [] };
  window.leadscore = new Proxy(embed, {
    // `then` stays undefined, so `await leadscore` is not taken for a call.
    get: (target, key) => typeof key !== 'string' || key in target || key === 'then'
      ? target[key]
      : (...args) => new Promise((resolve, reject) => target.q.push([key, args, resolve, reject])),
  });
  const script = document.createElement('script');
  script.type = 'module';
  script.src = src;
  // Under a nonce-based Content-Security-Policy, the loader needs this script's nonce.
  script.nonce = document.currentScript?.nonce ?? '';
  script.onerror = () => {
    const error = Object.assign(new Error(`Leadscore could not load ${src}`), { name: 'LeadscoreError', code: 'load_failed' });
    const queued = embed.q;
    embed.q = { push: (call) => call[3](error) };
    queued.forEach(embed.q.push);
  };
  document.head.append(script);
})(window, document, '/vendor/leadscore/leadscore-embed.js');
