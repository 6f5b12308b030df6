// A Vite plugin of the SDK's browser build: the embed snippet (packages/sdk/src/browser/snippet.js)
// minified into `leadscore-snippet.html`, the `<script>` element docs/embed.md gives to paste into a
// page (and a server can read to render into its pages).
import { readFile } from 'node:fs/promises';
import { minifySync, type Plugin } from 'vite';

export function embedSnippet(source: URL): Plugin {
  return {
    name: 'leadscore:embed-snippet',
    apply: 'build',
    async generateBundle() {
      const minified = minifySync('snippet.js', await readFile(source, 'utf8'), {
        compress: { target: 'es2020' },
        mangle: { toplevel: false },
        codegen: { removeWhitespace: true },
      });
      if (minified.errors.length > 0) this.error(`snippet.js: ${minified.errors.map((error) => error.message).join('; ')}`);
      this.emitFile({ type: 'asset', fileName: 'leadscore-snippet.html', source: `<script>\n${minified.code.trim()}\n</script>\n` });
    },
  };
}
