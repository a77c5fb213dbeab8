import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'jest.config.js',
      '.stryker-tmp/**',
      'reports/**',
      '.upstream-drop/**'
    ]
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
    }
  },
  {
    // One screen a function, in the destination, the local server and the page alike.
    files: ['src/**/*.ts', 'src/**/*.js'],
    rules: { 'max-lines-per-function': ['error', { max: 60 }] }
  },
  {
    // The deliveries page's ES modules: run in the browser as they are, type-checked through // @ts-check.
    files: ['src/serve/page/**/*.js'],
    languageOptions: { sourceType: 'module' },
    rules: {
      'max-lines': ['error', { max: 300 }],
      'max-lines-per-function': ['error', { max: 60 }]
    }
  }
)
