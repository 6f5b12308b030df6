// Two pages: everything, and a card with a badge (which must not download ECharts).
import { defineConfig } from 'vite';

export default defineConfig({
  build: { rolldownOptions: { input: ['index.html', 'card-only.html'] } },
});
