import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/out/**', 'data/**', 'src/web/assets/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'warn',
      'no-console': 'off',
    },
  },
  {
    // SQL lives in src/store only (docs/architecture.md): elsewhere no Kysely import and no query-builder call, so
    // a query cannot creep back into a service or an adapter. The store's functions take the handle (Db, Queryable).
    files: ['src/**/*.ts'],
    ignores: ['src/store/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'kysely', message: 'Kysely (SQL) is used only in src/store: add a function to the store module of the concern.' }] }],
      'no-restricted-syntax': ['error',
        {
          selector: 'CallExpression[callee.property.name=/^(selectFrom|selectNoFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|executeQuery)$/]',
          message: 'Queries are written only in src/store: call (or add) a function of the store module of the concern.',
        },
        { selector: 'TaggedTemplateExpression[tag.name="sql"]', message: 'SQL is written only in src/store.' },
      ],
    },
  },
);
