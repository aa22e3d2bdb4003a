import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig([
  globalIgnores(['client/dist/', 'client/dist-e2e/', 'dist/', 'data/', 'tests/.artifacts/', '.scratch/']),
  js.configs.recommended,
  // Not the type-checked set: it takes about 30 s of CPU (more than the typecheck), and nearly all of its 900
  // findings are no-unsafe-* on the `any` that app.inject's response.json() returns in tests.
  tseslint.configs.recommended,
  {
    rules: {
      // `const { ward: _ward, ...rest } = object` is how a property is left out of a copy; `_url` marks a parameter
      // a callback's signature requires but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/**', 'scripts/**', 'tests/**', '*.config.{js,ts}', 'client/vite.config.ts', 'client/precompress.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['client/src/**'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },
])
