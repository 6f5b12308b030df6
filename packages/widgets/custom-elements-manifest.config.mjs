// `cem analyze` (run by `npm run build`): custom-elements.json from the elements' JSDoc blocks, for
// editors, docs and frameworks. The registration files are read too, so each class gets its tag.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/internal/**', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
};
