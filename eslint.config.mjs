// Lint: typescript-eslint's recommended rules, plus the layout rule of the repo — a lib is used only through its
// index (`@app/<lib>`), never by a path into it.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // A leading underscore marks a parameter an interface makes us take but we do not need.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@app/*/*'], message: 'Import a lib through its index: @app/<lib>.' },
            { group: ['**/libs/*/src/*', '../../libs/**'], message: 'Import a lib through its index: @app/<lib>.' },
          ],
        },
      ],
    },
  },
  {
    // The web front end runs in the browser and talks to the api over HTTP. Of the libs it bundles only pure files
    // without imports, so that a rule it shares with the api has one source (text folding, the Damm digit).
    files: ['apps/web/**/*.{ts,tsx,mts}'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@app/*'], message: 'The web talks to the api over HTTP.' },
            {
              regex: '^(?!.*/libs/(core/src/text/fold|cases/src/domain/damm)$).*/libs/',
              message: 'The web bundles only the pure, import-free files of a lib listed here.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['scripts/**/*.js', 'bench/**/*.js', 'drills/**/*.js', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
