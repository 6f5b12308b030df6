// The dashboard's frame keeps the screen it shows while the route stays the same (in Chromium).
import { expect } from '@esm-bundle/chai';
import { registerScreen } from '../src/app/router.ts';
import '../src/app/app-shell.ts';

class TestScreen extends HTMLElement {
  params: string[] = [];
}
customElements.define('test-shell-screen', TestScreen);
registerScreen({ screen: 'shell-test', tag: 'test-shell-screen' });

const hashChanged = () => new Promise<void>((resolve) => window.addEventListener('hashchange', () => resolve(), { once: true }));
const screenIn = (app: HTMLElement) => app.shadowRoot!.querySelector('main > test-shell-screen') as TestScreen | null;

describe('demo: app shell', () => {
  afterEach(() => {
    document.querySelector('demo-app')?.remove();
    history.replaceState(null, '', location.pathname + location.search);
  });

  it('two hash changes in a row render the new screen once, and what was typed into it stays', async () => {
    location.hash = '#/shell-test/a';
    await hashChanged();
    const app = document.createElement('demo-app') as HTMLElement & { updateComplete: Promise<boolean> };
    document.body.append(app);
    await app.updateComplete;
    expect(screenIn(app)?.params).to.deep.equal(['a']);

    // Both events read the newest hash, '#/shell-test/new'. After the first has rendered its
    // screen, something is typed into it; the second must leave that screen in place.
    const seen: TestScreen[] = [];
    const both = new Promise<void>((resolve) => {
      const onChange = () => {
        void app.updateComplete.then(() => {
          const screen = screenIn(app)!;
          seen.push(screen);
          if (seen.length === 1) screen.dataset.typed = 'e2e-engagement';
          if (seen.length < 2) return;
          window.removeEventListener('hashchange', onChange);
          resolve();
        });
      };
      window.addEventListener('hashchange', onChange);
    });
    location.hash = '#/shell-test';
    location.hash = '#/shell-test/new';
    await both;
    expect(seen[0]!.params).to.deep.equal(['new']);
    expect(seen[1]).to.equal(seen[0]);
    expect(screenIn(app)).to.equal(seen[0]);
    expect(screenIn(app)!.dataset.typed).to.equal('e2e-engagement');
  });

  it('a change of params gives a new screen with them', async () => {
    location.hash = '#/shell-test/a';
    await hashChanged();
    const app = document.createElement('demo-app') as HTMLElement & { updateComplete: Promise<boolean> };
    document.body.append(app);
    await app.updateComplete;
    const before = screenIn(app);
    location.hash = '#/shell-test/b';
    await hashChanged();
    await app.updateComplete;
    expect(screenIn(app)).not.to.equal(before);
    expect(screenIn(app)!.params).to.deep.equal(['b']);
  });
});
