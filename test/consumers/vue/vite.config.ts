// docs/widgets.md (Frameworks): Vue compiles `lead-` tags as custom elements, not as components.
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('lead-') } } })],
});
