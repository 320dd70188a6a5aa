// ESLint: typescript-eslint's strict, type-checked rules on every TypeScript
// file of the project; formatting is Prettier's (eslint-config-prettier turns
// off the rules it decides). Exceptions are listed here with their reason.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      '.publibac/',
      'functions/edge/viewer-request.js',
      // Built by `npm run build:assets` (static-site/build-assets.ts), git-ignored.
      'static-site/dist/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Numbers and booleans in template literals are how messages and paths are written here.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      // Unused bindings prefixed with _ are deliberate (destructuring to drop a field).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests index the fixtures they built themselves: a `!` there states what the test set up, and
    // a
    // wrong one fails the test at once. Source code narrows instead.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Tests read what has no static type and assert on its shape: CDK's synthesised templates
    // (the assertions API types every resource `any`), JSON response bodies, spreadsheet cells.
    // Typing each read would restate the assertion that follows it, and a wrong guess fails the
    // test at once. Test doubles implement the async ports with `async` methods that answer at
    // once, as the port's signature reads. Source code keeps every one of these rules.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Plain JavaScript (the CLI's entry shim, this file): no type information.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
