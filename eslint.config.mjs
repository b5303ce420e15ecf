// Layer rules from docs/ARCHITECTURE.md: what each src/* folder may import.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads'], message: 'This layer does no I/O: keep Node built-ins in db/services/cli/server/main.' };
const noElectron = { group: ['electron'], message: 'Only src/main and src/preload talk to Electron.' };
const noSqlite = { group: ['better-sqlite3'], message: 'Only src/db opens SQLite.' };
const noReact = { group: ['react', 'react-dom', 'react/*', 'zustand'], message: 'React belongs to src/renderer.' };
const noInnerLayers = (...layers) => ({ group: layers.flatMap((l) => [`**/${l}/**`, `**/${l}`]), message: `This layer may not import ${layers.join(', ')}.` });

const restrict = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'bench/results/**', 'test-output/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  restrict(['src/shared/**'], [nodeBuiltins, noElectron, noSqlite, noReact, noInnerLayers('core', 'db', 'services', 'cli', 'server', 'main', 'preload', 'renderer')]),
  restrict(['src/core/**'], [nodeBuiltins, noElectron, noSqlite, noReact, noInnerLayers('db', 'services', 'cli', 'server', 'main', 'preload', 'renderer')]),
  restrict(['src/db/**'], [noElectron, noReact, noInnerLayers('services', 'cli', 'server', 'main', 'preload', 'renderer')]),
  restrict(['src/services/**'], [noElectron, noReact, noInnerLayers('cli', 'server', 'main', 'preload', 'renderer')]),
  restrict(['src/cli/**', 'src/server/**'], [noElectron, noReact, noInnerLayers('main', 'preload', 'renderer')]),
  restrict(['src/main/**'], [noReact, noInnerLayers('renderer', 'preload', 'cli', 'server')]),
  restrict(['src/preload/**'], [noSqlite, noReact, nodeBuiltins, noInnerLayers('core', 'db', 'services', 'cli', 'server', 'main', 'renderer')]),
  restrict(['src/renderer/**'], [nodeBuiltins, noElectron, noSqlite, noInnerLayers('core', 'db', 'services', 'cli', 'server', 'main', 'preload')]),
);
