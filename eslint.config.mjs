import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '.swc/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'smart'],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // On H5 Taro's Button is a <div> whose library look outranks our classes (a grey default
      // button in place of ours, no button role); @/components/button draws the real one.
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@tarojs/components',
              importNames: ['Button'],
              message: "Use Button from '@/components/button' (a real <button> on H5).",
            },
          ],
        },
      ],
    },
  },
  {
    // The mini-program's own files may use WeChat's native button (open-type abilities).
    files: ['src/**/*.weapp.tsx'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: [
      'scripts/**',
      'test/**',
      'server/src/server.ts',
      'server/src/db/cli.ts',
      'server/src/db/admin-create.ts',
    ],
    rules: { 'no-console': 'off' },
  },
  prettier,
)
