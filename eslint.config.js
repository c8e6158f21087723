// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['bin/**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
  },
  {
    // The pure domain never reaches for I/O (DESIGN.md §4).
    files: ['src/experiment/**', 'src/timeline/plan*.ts', 'src/slo/**', 'src/journal/*.ts', 'src/report/**'],
    ignores: [
      '**/*.test.ts',
      'src/journal/journal-file*.ts',
      'src/experiment/file-*.ts',
      'src/experiment/emit-schema.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'node:fs',
            'node:fs/promises',
            'node:child_process',
            'dockerode',
            'autocannon',
            'yargs',
            'fs',
            'child_process',
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process'],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
);
