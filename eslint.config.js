// @ts-check
import tseslint from 'typescript-eslint';

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
  {
    // The app must not know the sandbox exists, and the browser code must not reach for Node.
    files: ['src/**', 'launch/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/mocks/**', 'node:*', '**/tests/**'] }],
    },
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '../fhir',
            '../fhir/*',
            '../ui',
            '../ui/*',
            'fhirclient',
            'preact',
            '**/mocks/**',
            'node:*',
          ],
        },
      ],
    },
  },
  {
    files: ['src/fhir/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['../ui', '../ui/*', 'preact', '**/mocks/**', 'node:*'] },
      ],
    },
  },
  { files: ['**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } } },
);
