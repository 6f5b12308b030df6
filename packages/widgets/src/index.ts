// @leadscore/widgets: Lit custom elements (tag prefix `lead-`) for any host page. The elements
// arrive with the SDK's client (DESIGN.md); until then the package is only its skeleton.

/** This package's version; test/version.test.ts keeps it equal to package.json's. */
export const version = '0.1.0';
