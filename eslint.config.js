// @ts-check
import { readdirSync } from 'node:fs'
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

// The layers of src/, bottom to top (docs/decisions/017-layout-and-import-rules.md). A module imports
// from its own layer and the layers below, never from one above. Features sit side by side: one uses
// another only through that feature's door, its `public.ts`; the app shell uses features the same way.
const LAYERS = ['lib', 'api', 'config', 'jobs', 'components', 'kinds', 'features', 'app']

const REACT = ['react', 'react-dom', 'react-dom/client', '@tanstack/react-query', 'wouter']
const reactFree = (where) =>
  REACT.map((name) => ({ name, message: `${where} is plain TypeScript: no React here.` }))

/** Relative import patterns that reach into a layer above `layer`. */
const above = (layer) =>
  LAYERS.slice(LAYERS.indexOf(layer) + 1).flatMap((upper) => [`**/${upper}/**`, `**/${upper}/*`])

const upwardMessage = (layer) =>
  `${layer}/ must not import a layer above it (${LAYERS.join(' → ')}): move the shared piece down.`

const features = readdirSync(`${import.meta.dirname}/src/features`, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)

/** Another feature's files, except its door. */
const intoOtherFeatures = (feature) =>
  features
    .filter((other) => other !== feature)
    .flatMap((other) => [
      `../${other}/*`,
      `!../${other}/public.ts`,
      `**/features/${other}/*`,
      `!**/features/${other}/public.ts`,
    ])

const restrict = (files, { paths = [], group, message }) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns: [{ group, message }] }] },
})

const layerRules = [
  // lib, api, config and jobs are plain TypeScript (jobs/ uses @tanstack/query-core, not React's).
  ...['lib', 'api', 'config', 'jobs'].map((layer) =>
    restrict([`src/${layer}/**`], {
      paths: reactFree(`${layer}/`),
      group: above(layer),
      message: upwardMessage(layer),
    }),
  ),
  ...['components', 'kinds'].map((layer) =>
    restrict([`src/${layer}/**`], { group: above(layer), message: upwardMessage(layer) }),
  ),
  ...features.map((feature) =>
    restrict([`src/features/${feature}/**`], {
      group: [...above('features'), ...intoOtherFeatures(feature)],
      message:
        'A feature uses another only through its door (../<feature>/public.ts), and never the app shell.',
    }),
  ),
  restrict(['src/app/**', 'src/main.tsx'], {
    group: ['**/features/*/*', '!**/features/*/public.ts'],
    message: 'The app shell uses a feature only through its door (features/<feature>/public.ts).',
  }),
  // The first thing a cold open runs, before the bundle: the list of kinds and the lookup, no more.
  restrict(['src/early-lookup.ts'], {
    paths: reactFree('early-lookup.ts'),
    group: ['./*/*', '!./lib/*', '!./api/early-lookups.ts'],
    message:
      'The early script loads only lib/ and api/early-lookups.ts: every byte is on the critical path.',
  }),
  // The node side (the proxies, the demo upstream) shares plain modules with the app (lib/, api/),
  // never its UI: that would pull React into the servers.
  restrict(['server/**'], {
    paths: [...REACT, 'lucide-react'].map((name) => ({
      name,
      message: 'server/ is node code: no React or UI libraries here.',
    })),
    group: ['**/src/*/**', '!**/src/lib/**', '!**/src/api/**', '**/*.tsx'],
    message: 'server/ may import src/lib/ and src/api/ only: the rest is the browser app.',
  }),
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
