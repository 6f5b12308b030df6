// `cem analyze` (run by `npm run build`): custom-elements.json from the elements' JSDoc blocks, for
// editors, docs and frameworks. The registration files are read too, so each class gets its tag.
// The analyzer reads the TypeScript sources; the manifest describes the package as published, so
// the plugin below names the shipped `dist/*.js` files, keeps only the public modules and leaves
// out reactive state that is not an attribute.
import { posix } from 'node:path';
import { referencesOf } from './custom-elements-references.mjs';

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/internal/**', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  plugins: [publishedPackage()],
};

function publishedPackage() {
  return {
    name: 'leadscore:published-package',
    packageLinkPhase({ customElementsManifest: manifest }) {
      manifest.modules = manifest.modules.filter(isPublic);
      for (const module of manifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.kind === 'class') dropPrivateAttributes(declaration);
        }
        for (const reference of referencesOf(module)) reference.module = shipped(reference.module, module.path);
        module.path = shipped(module.path, module.path);
      }
    },
  };
}

/** The entry points and the element modules: helpers such as `score-card/meter.ts` are internals. */
function isPublic(module) {
  return (
    ['src/index.ts', 'src/leadscore-widgets.ts', 'src/react.ts'].includes(module.path) ||
    (module.declarations ?? []).some((declaration) => declaration.customElement) ||
    (module.exports ?? []).some((entry) => entry.kind === 'custom-element-definition')
  );
}

/** `state: true` properties (private, re-rendering only) are no attributes a page can set. */
function dropPrivateAttributes(declaration) {
  const hidden = new Set((declaration.members ?? []).filter((member) => member.privacy === 'private' || member.privacy === 'protected').map((member) => member.name));
  declaration.attributes = (declaration.attributes ?? []).filter((attribute) => !hidden.has(attribute.fieldName));
  declaration.members = (declaration.members ?? []).filter((member) => !hidden.has(member.name));
}

/** `src/a/b.ts`, `/src/a/b.ts` or `./b.ts` (relative to the module `from`) → `dist/a/b.js`. */
function shipped(path, from) {
  const resolved = path.startsWith('.') ? posix.join(posix.dirname(from), path) : path.replace(/^\//, '');
  return resolved.replace(/^src\//, 'dist/').replace(/\.ts$/, '.js');
}

