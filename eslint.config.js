// @ts-check
import tseslint from 'typescript-eslint';

/** Code that runs in the browser: the app, the launch page and the registration sheet. */
const BROWSER_CODE = ['src/**', 'launch/**', 'registration/**'];

/**
 * What browser code may not import: the app must not know the sandbox or the tests exist, and must not
 * reach for Node or for the Node tooling.
 * @type {{ group: string[], message: string }[]}
 */
const BROWSER_CODE_MAY_NOT_IMPORT = [
  {
    group: ['**/mocks/**', '**/demo/**'],
    message: 'The app must not know the fakes exist. Pass what it needs in from main.tsx or a test.',
  },
  {
    group: ['**/tests/**'],
    message: 'Test code does not ship. Move what both need into src/ (or the test helper into tests/).',
  },
  {
    group: ['**/scripts/**', 'node:*'],
    message: 'Browser code cannot use Node or the Node tooling in scripts/. Move the pure part into src/.',
  },
];

/** src/domain is pure: no I/O, no FHIR client, no UI; it imports nothing above itself. */
const DOMAIN_MAY_NOT_IMPORT = [
  {
    group: ['../fhir', '../fhir/*', 'fhirclient'],
    message: 'src/domain is pure and below src/fhir: take the data as an argument instead of fetching it.',
  },
  {
    group: ['../ui', '../ui/*', 'preact', '@preact/*'],
    message: 'src/domain is below src/ui: return a view model and let the UI render it.',
  },
];

/** src/fhir talks to FHIR servers for the UI; it never imports the UI. */
const FHIR_MAY_NOT_IMPORT = [
  {
    group: ['../ui', '../ui/*', 'preact', '@preact/*'],
    message: 'src/fhir is below src/ui: return data or throw a typed error and let the UI decide.',
  },
];

/**
 * The fakes and the Node tooling meet only through stated seams, each of which says in its header why.
 * A newcomer changing scripts/ then knows what the sandbox borrows, and the other way round.
 */
const MOCKS_SEAMS = ['mocks/sandbox/scripts-seam.ts'];
const MOCKS_MAY_NOT_IMPORT = {
  group: ['**/scripts/**'],
  message: `mocks/ reaches into scripts/ only through ${MOCKS_SEAMS.join(', ')}: add the import there, saying why.`,
};
const SCRIPTS_SEAMS = [
  // The bench measures the app against the sandbox and its fixtures, as the tests do.
  'scripts/bench/**',
  // The demo build's Content-Security-Policy names the Trusted Types policy of the demo's own worker.
  'scripts/deploy/demo-csp-meta.ts',
];
const SCRIPTS_MAY_NOT_IMPORT = {
  group: ['**/mocks/**', '**/demo/**'],
  message: `scripts/ reaches into the fakes only from ${SCRIPTS_SEAMS.join(', ')}. Move what both need into scripts/ or src/.`,
};

/** @param {{ group: string[], message: string }[]} patterns */
function restrictedImports(patterns) {
  return /** @type {const} */ ({ 'no-restricted-imports': ['error', { patterns }] });
}

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'dist-demo',
      '.sandbox-data',
      'fhir-profiles/**/*.json',
      'mocks/demo/public/mockServiceWorker.js',
    ],
  },
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      eqeqeq: 'error',
      curly: 'error',
      'no-nested-ternary': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  // Boundaries. In flat config a later block's `no-restricted-imports` replaces an earlier block's
  // options rather than adding to them, so every block is built from the lists above.
  { files: BROWSER_CODE, rules: restrictedImports(BROWSER_CODE_MAY_NOT_IMPORT) },
  {
    files: ['src/domain/**'],
    rules: restrictedImports([...BROWSER_CODE_MAY_NOT_IMPORT, ...DOMAIN_MAY_NOT_IMPORT]),
  },
  {
    files: ['src/fhir/**'],
    rules: restrictedImports([...BROWSER_CODE_MAY_NOT_IMPORT, ...FHIR_MAY_NOT_IMPORT]),
  },
  { files: ['mocks/**'], ignores: MOCKS_SEAMS, rules: restrictedImports([MOCKS_MAY_NOT_IMPORT]) },
  { files: ['scripts/**'], ignores: SCRIPTS_SEAMS, rules: restrictedImports([SCRIPTS_MAY_NOT_IMPORT]) },
  { files: ['**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } } },
);
