// Lint rules: the recommended sets, plus the rooms the design depends on, arrows pointing one
// way (the README's "Where the code lives" draws them):
//   core/  pure: no I/O, no React, nothing from another room;
//   ingest/ (sources, server, client) and batch/ (the archive engine) never import cli/ or ui/;
//   ui/    sees of ingest/ only the client-side stream types, and nothing of cli/ or batch/;
//   cli/   may import any room.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {ignores: ['dist/', 'node_modules/', 'coverage/', 'test/fixtures/']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        performance: 'readonly',
        structuredClone: 'readonly',
        queueMicrotask: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {argsIgnorePattern: '^_', varsIgnorePattern: '^_'},
      ],
    },
  },
  {
    files: ['source/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'net', 'http', 'https', 'child_process'],
              message: 'core/ does no I/O',
            },
            {
              group: ['react', 'ink', ...rooms('ingest', 'batch', 'ui', 'cli')],
              message: 'core/ imports nothing from the outer rooms',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['source/ingest/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: rooms('cli', 'ui', 'batch'),
              message:
                'ingest/ owns the options it needs (SourceOptions); it never imports cli/ or ui/',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['source/batch/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: rooms('cli', 'ui'),
              message: 'batch/ owns its options (BatchOptions); it never imports cli/ or ui/',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['source/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...rooms('ingest', 'cli', 'batch'), '!**/ingest/stream.js'],
              message:
                'ui/ sees of ingest/ only the client-side stream (ingest/stream.ts), and nothing of cli/ or batch/',
            },
          ],
        },
      ],
    },
  },
);

/** Import patterns that reach into the named rooms of `source/` (and the entry, `cli.tsx`). */
function rooms(...names) {
  return names.flatMap((name) =>
    name === 'cli' ? ['**/cli/**', '**/cli.js', '**/bin.js'] : [`**/${name}/**`],
  );
}
