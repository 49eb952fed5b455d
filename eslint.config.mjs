import perfectionist from 'eslint-plugin-perfectionist'
// ESLint for the reference app and the plugin packages. Deliberately small: the dependency rules that keep
// the packages installable (app → plugins → core), import order, and no environment reads in
// the packages. Type-aware rules are left out on purpose: `npm run typecheck` does the type checking, and
// linting stays a few seconds on CI's two cores.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import tseslint from 'typescript-eslint'

const root = path.dirname(fileURLToPath(import.meta.url))
const CORE = '@kontorwerk/personalization'

/** The workspace packages: where each lives, its entries (`exports`) and what it may import. */
const packages = fs
  .readdirSync(path.join(root, 'plugins'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(root, 'plugins', entry.name, 'package.json')))
  .map((entry) => {
    const dir = path.join(root, 'plugins', entry.name)
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
    return {
      dependencies: new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies })),
      devDependencies: new Set(Object.keys(manifest.devDependencies ?? {})),
      dir,
      entries: new Set(Object.keys(manifest.exports ?? { '.': null })),
      name: manifest.name,
    }
  })
const packageByName = new Map(packages.map((pkg) => [pkg.name, pkg]))
const inside = (dir, file) => file === dir || file.startsWith(dir + path.sep)
const packageOf = (file) => packages.find((pkg) => inside(pkg.dir, file))
const repoPath = (file) => path.relative(root, file).split(path.sep).join('/')
// Specs beside a package's code run inside the reference app through the shared test harness (tests/helpers):
// they may use the harness, never the app itself.
const testHarness = path.join(root, 'tests', 'helpers')
const isSpec = (file) => /\.spec\.tsx?$/.test(file)

/**
 * Dependencies run one way: app → plugins → core. A package reaches nothing outside its own folder except
 * other packages' entries (the subpaths its package.json `exports` list) that it declares as (peer)
 * dependencies; the core imports no other package; the app uses packages only through their entries too.
 */
const packageBoundaries = {
  create(context) {
    const file = context.filename
    const owner = packageOf(file)
    const check = (node, specifier) => {
      if (typeof specifier !== 'string') return
      const problem = specifier.startsWith('.') ? relativeProblem(specifier) : bareProblem(specifier)
      if (problem) context.report({ message: problem, node })
    }
    const relativeProblem = (specifier) => {
      const target = path.resolve(path.dirname(file), specifier)
      const other = packageOf(target)
      if (owner && inside(owner.dir, target)) return null
      if (other)
        return `"${specifier}" reaches into ${other.name}; import it through its entry ("${other.name}" or a subpath its package.json exports).`
      if (!owner) return null
      if (isSpec(file) && inside(testHarness, target)) return null
      return `"${specifier}" reaches out of ${owner.name} into the app (${repoPath(target)}); a package gets what it needs from its options or another package's entry.`
    }
    const bareProblem = (specifier) => {
      if (specifier === '@payload-config')
        return owner ? `${owner.name} must not import the app's payload.config.` : null
      const match = /^(@kontorwerk\/[^/#]+)(\/[^#]*)?/.exec(specifier)
      if (!match) return null
      const [, name, subpath] = match
      const target = packageByName.get(name)
      if (!target) return `there is no workspace package ${name}.`
      const entry = subpath ? `.${subpath}` : '.'
      if (!target.entries.has(entry))
        return `"${specifier}" is a deep import; ${name} offers only ${[...target.entries].map((e) => `"${path.posix.join(name, e)}"`).join(', ')}.`
      if (!owner || owner.name === name) return null
      if (owner.name === CORE)
        return `the core (${CORE}) imports no other package; dependencies run app → plugins → core.`
      if (owner.dependencies.has(name) || (isSpec(file) && owner.devDependencies.has(name))) return null
      return `${owner.name} imports ${name} without declaring it in its package.json peerDependencies${isSpec(file) ? ' (or devDependencies, for specs)' : ''}.`
    }
    return {
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      // Admin component paths ('@kontorwerk/consent/client#ConsentHistory') become imports in the import map.
      Literal: (node) =>
        typeof node.value === 'string' && /^@kontorwerk\/[^#\s]+#\w+$/.test(node.value) && check(node, node.value),
      TSImportType: (node) => {
        const source = node.source ?? node.argument.literal
        return check(source, source?.value)
      },
    }
  },
  meta: {
    docs: { description: 'imports cross package boundaries only through package entries' },
    schema: [],
    type: 'problem',
  },
}

/**
 * One import statement per module and kind (value or `import type`), so that `npm run fix` folds the lines
 * `import { a } from 'x'` and `import { b } from 'x'` into one. Only plain named imports are folded; a default
 * or namespace import stays as it is.
 */
const oneImportPerModule = {
  create(context) {
    const source = context.sourceCode
    const namedOnly = (node) =>
      node.specifiers.length > 0 && node.specifiers.every((specifier) => specifier.type === 'ImportSpecifier')
    return {
      Program(program) {
        const groups = new Map()
        for (const node of program.body) {
          if (node.type !== 'ImportDeclaration' || !namedOnly(node) || node.attributes?.length) continue
          const key = `${node.importKind}:${node.source.value}`
          groups.set(key, [...(groups.get(key) ?? []), node])
        }
        for (const [first, ...rest] of groups.values()) {
          if (rest.length === 0) continue
          context.report({
            fix: (fixer) => [
              fixer.insertTextAfter(
                first.specifiers.at(-1),
                `, ${rest.flatMap((node) => node.specifiers.map((specifier) => source.getText(specifier))).join(', ')}`,
              ),
              ...rest.map((node) => {
                const end = source.text[node.range[1]] === '\n' ? node.range[1] + 1 : node.range[1]
                return fixer.removeRange([node.range[0], end])
              }),
            ],
            message: `"${first.source.value}" is imported ${rest.length + 1} times; one import statement is enough.`,
            node: rest[0],
          })
        }
      },
    }
  },
  meta: { docs: { description: 'one import statement per module' }, fixable: 'code', schema: [], type: 'suggestion' },
}

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.next/**',
      'data/**',
      'media/**',
      'test-results/**',
      'coverage/**',
      '.tmp/**',
      'next-env.d.ts',
      // Generated by Payload (its import map is checked: it holds the imports of the admin components).
      'src/payload-types.ts',
      'src/database/migrations/**',
      'tests/fixtures/**',
    ],
  },
  {
    files: ['**/*.{ts,tsx,mts,js,mjs}'],
    languageOptions: { parser: tseslint.parser, sourceType: 'module' },
    // The code carries a directive for a rule this small set does not run (no-control-regex); not worth a warning.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
    plugins: {
      kontorwerk: { rules: { 'one-import-per-module': oneImportPerModule, 'package-boundaries': packageBoundaries } },
      perfectionist,
    },
    rules: {
      'kontorwerk/package-boundaries': 'error',
    },
  },
  {
    // Nothing in a package reads the environment: the app reads it and passes options in.
    files: ['plugins/*/src/**/*.{ts,tsx}'],
    ignores: ['**/*.spec.ts', '**/*.spec.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['process', 'node:process'].map((name) => ({
            importNames: ['env'],
            message: 'A package takes settings from its options, not the environment.',
            name,
          })),
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          message: 'A package takes settings from its options, not the environment.',
          object: 'process',
          property: 'env',
        },
      ],
    },
  },
  {
    // Import order and one import per module (both fixed by `npm run fix`). LINT_SCOPE=boundaries leaves them out
    // until the repo has had its one mechanical pass; see scripts/test.sh.
    files: ['**/*.{ts,tsx,mts,js,mjs}'],
    // Payload's generated admin and API routes ("do not modify"); their imports are still checked above.
    ignores: ['src/app/(payload)/**', 'tests/fixture-host/host/app/(payload)/**'],
    rules:
      process.env.LINT_SCOPE === 'boundaries'
        ? {}
        : {
            'kontorwerk/one-import-per-module': 'error',
            'perfectionist/sort-imports': ['error', { internalPattern: ['^@kontorwerk/'], type: 'natural' }],
            'perfectionist/sort-named-imports': ['error', { type: 'natural' }],
          },
  },
)
