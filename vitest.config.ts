import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 60_000,
    // Hooks that load the demo council (which publishes its packs and printed minutes) on a loaded machine.
    hookTimeout: 300_000,
    pool: 'forks',
    // pdfjs's reader with its hot spots rewritten (src/importer/read/pdfjs-patch.ts) is loaded from a private temporary
    // copy; like pdfjs in node_modules, Node loads it as it is, not through Vite's transform.
    server: { deps: { external: [/\/moot-pdfjs-[^/]+\//] } },
    reporters: ['default'],
  },
});
