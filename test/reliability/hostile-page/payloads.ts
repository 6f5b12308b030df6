// The hostile strings every widget gets in every string field (page.ts), and what the page reports.
// Each would run `window.__xss = …` (or load something) if any widget put it into an HTML sink,
// a URL attribute or a template: markup, attribute breakouts, javascript: URLs, template
// expressions (Angular/Vue style and JS template style), a style/script breakout, ECharts rich
// text, and bidirectional overrides that would reorder the text around them.
export const payloads: readonly string[] = [
  '<img src=x onerror=window.__xss=1>',
  '"><svg onload=window.__xss=2>',
  'javascript:window.__xss=3',
  "{{constructor.constructor('window.__xss=4')()}}",
  '</style><script>window.__xss=5</script>',
  '\u202Egnp.exe\u202C <b>bold</b>',
  "'><iframe srcdoc='<script>parent.__xss=6</script>'>",
  '${window.__xss=7} {a|rich} {b}',
  '<a href="javascript:window.__xss=8">link</a><form><button formaction=javascript:window.__xss=9>',
];

/** One widget as its page rendered it. */
export interface WidgetReport {
  /** `static|live|locale lead-…`. */
  name: string;
  /** The text of every text node in its shadow roots, one element's text a line. */
  text: string;
  /** Its aria-label and title attributes, where text for assistive technology goes. */
  attributes: string;
  /** Elements or attributes that came from data (findings()); must be empty. */
  bad: string[];
  /** The distinct computed text styles of the elements holding its text. */
  styles: string[];
  textElements: number;
  chart: boolean;
}

export interface PageReport {
  mode: string;
  error?: string;
  /** `directive blocked-URI sample` of every securitypolicyviolation the page saw before its controls. */
  violations: string[];
  /** window.__xss after the widgets rendered: undefined unless a payload ran. */
  xss: unknown;
  /** The first call's error when the worker could not start (mode refused). */
  startError?: { code: string; message: string };
  /** The live definition's score of c1, computed by the real worker. */
  scores?: number | null;
  /** How often the page's own policy was asked for a script URL (mode own-policy). */
  ownPolicyUsed?: number;
  widgets: WidgetReport[];
  /** A score card host's own computed color, font size, text-transform and direction: the page's, on a hostile page. */
  hostStyle?: string;
  /** How many chart elements the page removed (disposing their charts) before it read the violations. */
  disposedCharts?: number;
  /** The computed direction inside a badge in a dir="rtl" section. */
  dirRtl?: string;
  /** registerLocale's error for a payload as the language tag. */
  badTagRefused?: string;
  /** The widgets still loading (or with a chart not drawn) when the page stopped waiting: none. */
  pending?: string[];
  /** Milliseconds since the page started: data ready, widgets rendered. */
  timings?: Record<string, number>;
  /** findings() over the whole page, every shadow root included. */
  pageFindings?: string[];
  /** The same payload through innerHTML on a control element, after the widgets: the checks must see it. */
  controls: { sinkThrew?: boolean; violations?: string[]; xss?: unknown; pageFindings?: string[] };
}
