// A page of its own for a browser test: a srcdoc iframe, on the test page's origin (so it shares
// its IndexedDB, and its databases are deleted the same way), under a Content-Security-Policy set
// by a meta element, as a host page's server would send it. Its script posts its result back.
export const nonce = 'leadscore-test-nonce';

export interface FramePage {
  /** The page's Content-Security-Policy; `'nonce-…'` of `nonce` lets the page's own inline scripts run. */
  policy?: string;
  /** Markup before the page's script, e.g. the embed snippet in `<script nonce=…>`. */
  head?: string;
  /** The body of an async function run as the page's module script; what it returns is the result. */
  script: string;
}

export interface FrameOutcome<T> {
  result?: T;
  /** What the script threw: a LeadscoreError's name, code and message survive postMessage as fields. */
  error?: { name: string; code?: string; message: string };
  /** The policy's violations the page saw, as `directive blocked-URL`. */
  violations: string[];
}

let count = 0;
const frames: HTMLIFrameElement[] = [];

/**
 * Runs `page` in a frame of its own; resolves to what its script posted. The page may call
 * `mark(text)` as it goes: a page that posts nothing within `timeoutMs` fails naming the marks it
 * reached, so a stall says where it stalled.
 */
export function runInFrame<T>(page: FramePage, timeoutMs = 30_000): Promise<FrameOutcome<T>> {
  const id = `frame-${count++}`;
  const frame = document.createElement('iframe');
  frames.push(frame);
  frame.srcdoc = `<!doctype html><meta charset="utf-8">
${page.policy ? `<meta http-equiv="Content-Security-Policy" content="${page.policy}">` : ''}
<script nonce="${nonce}">const mark = (text) => parent.postMessage({ source: 'leadscore-frame-mark', id: '${id}', text: String(text) }, '*');</script>
${page.head ?? ''}
<script type="module" nonce="${nonce}">
const violations = [];
document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective + ' ' + event.blockedURI));
const post = (outcome) => parent.postMessage({ source: 'leadscore-frame', id: '${id}', violations, ...outcome }, '*');
try {
  post({ result: await (async () => { ${page.script} })() });
} catch (error) {
  post({ error: { name: error?.name, code: error?.code, message: error?.message ?? String(error) } });
}
</script>`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const marks: string[] = [];
    const timer = setTimeout(() => {
      window.removeEventListener('message', listen);
      reject(new Error(`the framed page posted nothing within ${timeoutMs} ms; its marks: ${marks.join(', ') || 'none'}`));
    }, timeoutMs);
    window.addEventListener('message', listen);
    document.body.append(frame);

    function listen(event: MessageEvent<FrameOutcome<T> & { source?: string; id?: string; text?: string }>): void {
      if (event.data?.id !== id) return;
      if (event.data.source === 'leadscore-frame-mark') {
        marks.push(`${event.data.text} at ${Math.round(performance.now() - started)} ms`);
        return;
      }
      if (event.data.source !== 'leadscore-frame') return;
      window.removeEventListener('message', listen);
      clearTimeout(timer);
      resolve({ result: event.data.result, error: event.data.error, violations: event.data.violations });
    }
  });
}

/** Removes the frames of the test; their clients' workers end with them. */
export function removeFrames(): void {
  for (const frame of frames.splice(0)) frame.remove();
}
