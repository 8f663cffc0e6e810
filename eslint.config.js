// @ts-check
import { readdirSync } from 'node:fs'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

const features = readdirSync(`${import.meta.dirname}/src/features`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)

const upward = ['**/app/**', '**/app/*']
const intoFeatures = ['**/features/**']
const intoKinds = ['**/kinds/**']

// Direction of imports: api, lib → jobs, config, components → kinds (the job-kind registry and each
// kind's views) → features → app. A feature never imports another feature; api and lib never import
// React.
const layerRules = [
  {
    files: ['src/api/**', 'src/lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['react', 'react-dom', '@tanstack/react-query'].map((name) => ({
            name,
            message: 'api/ and lib/ are plain TypeScript: no React here.',
          })),
          patterns: [
            {
              group: [
                ...upward,
                ...intoFeatures,
                ...intoKinds,
                '**/components/**',
                '**/jobs/**',
                '**/config/**',
              ],
              message: 'api/ and lib/ sit at the bottom of the layers.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/jobs/**', 'src/config/**', 'src/components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...upward, ...intoFeatures, ...intoKinds],
              message:
                'Shared code must not depend on the kind registry, features or the app shell.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/kinds/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...upward, ...intoFeatures],
              message: 'The kind registry is shared by features: it must not import them.',
            },
          ],
        },
      ],
    },
  },
  // The node side (the proxies, the demo upstream) shares plain modules with the app (api/, lib/,
  // jobs/ kinds and policies), never its UI: that would pull React into the servers.
  {
    files: ['server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['react', 'react-dom', '@tanstack/react-query', 'wouter', 'lucide-react'].map(
            (name) => ({ name, message: 'server/ is node code: no React or UI libraries here.' }),
          ),
          patterns: [
            {
              group: [
                '**/src/app/**',
                '**/src/features/**',
                '**/src/components/**',
                '**/src/config/**',
                '**/*.tsx',
              ],
              message:
                'server/ must not import the UI (app, features, components, config); move what it needs to src/lib/ or src/api/.',
            },
          ],
        },
      ],
    },
  },
  ...features.map((feature) => ({
    files: [`src/features/${feature}/**`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...upward,
                ...features
                  .filter((other) => other !== feature)
                  .flatMap((other) => [`**/features/${other}/**`, `../${other}/**`]),
              ],
              message:
                'Features do not import each other or the app shell; move shared code to components/, jobs/ or lib/.',
            },
          ],
        },
      ],
    },
  })),
]

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public', '.tmp', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.json', './tsconfig.node.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': ['error', { allow: ['warn', 'error', 'log'] }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  ...layerRules,
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
)
