#!/usr/bin/env node
// Compiles workspace packages' TypeScript sources to the dist/ their installed copies load: ES
// modules (.js) and declarations (.d.ts), with every relative import spelled the way Node's ESM
// loader wants it (`./x.js`, `./dir/index.js`), so plain node (the Payload CLI, a worker) and Next's
// bundlers load the same files. Non-TypeScript files under src/ (stylesheets) are copied beside them.
//
// What is built is what a package's `exports` reach: each entry with a dist target, and the files
// they import, compiled as a host sees them (without the reference app's generated Payload types).
// The build stops on declarations that cannot be written, and when a compiled module imports a
// package that is neither a dependency nor a peer dependency, or a file outside its package (an
// installed copy would not find it).
//
// Usage: node scripts/build-package.mjs [packageDir ...]   (npm's build and prepack run it in the
// package's directory). Several packages build in one compiler program, which loads Payload's and
// React's types once; a package whose dist/ was built from the same sources is left as it is, so
// `npm pack` after a build of all packages does not compile again.
import crypto from 'node:crypto'
import fs from 'node:fs'
import { isBuiltin } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const STAMP = '.build-inputs'
const started = performance.now()
const problems = []
const warnings = []
const inside = (dir, file) => file.startsWith(dir + path.sep)
const isSpec = (file) => /\.spec\.tsx?$/.test(file)

/** One package: its manifest, and the entries with a dist target (each checked to point where its source compiles to). */
function readPackage(dir) {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'))
  const entries = []
  for (const [subpath, conditions] of Object.entries(manifest.exports ?? {})) {
    const source = conditions['kontorwerk-source']
    const target = conditions.import ?? conditions.default
    if (!source || !target) continue
    const expected = source.replace(/^\.\/src\//, './dist/').replace(/\.tsx?$/, '.js')
    if (target !== expected)
      problems.push(
        `${manifest.name}: exports["${subpath}"] points to ${target}, but ${source} compiles to ${expected}`,
      )
    if (conditions.types !== expected.replace(/\.js$/, '.d.ts'))
      problems.push(`${manifest.name}: exports["${subpath}"].types should be ${expected.replace(/\.js$/, '.d.ts')}`)
    entries.push(path.join(dir, source))
  }
  if (entries.length === 0) problems.push(`${manifest.name}: no exports with a kontorwerk-source and a dist target`)
  const dependencies = new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ])
  return {
    dependencies,
    dir,
    dist: path.join(dir, 'dist'),
    entries,
    imported: new Set(),
    manifest,
    name: manifest.name,
    src: path.join(dir, 'src'),
  }
}

/**
 * A fingerprint of everything a build reads from this repository: the sources of every package (a
 * package's declarations name types of the packages it builds on), their manifests, the compiler
 * options and this script.
 */
function inputsHash() {
  const hash = crypto.createHash('sha256').update(ts.version)
  const files = [path.join(repoRoot, 'tsconfig.package.json'), fileURLToPath(import.meta.url)]
  for (const name of fs.readdirSync(path.join(repoRoot, 'plugins')).sort()) {
    const dir = path.join(repoRoot, 'plugins', name)
    if (!fs.existsSync(path.join(dir, 'package.json'))) continue
    files.push(path.join(dir, 'package.json'))
    for (const file of fs.readdirSync(path.join(dir, 'src'), { recursive: true }).sort()) {
      const full = path.join(dir, 'src', file)
      if (!isSpec(full) && fs.statSync(full).isFile()) files.push(full)
    }
  }
  for (const file of files)
    hash.update(path.relative(repoRoot, file)).update('\0').update(fs.readFileSync(file)).update('\0')
  return hash.digest('hex')
}

function compilerOptions() {
  const file = path.join(repoRoot, 'tsconfig.package.json')
  const { config, error } = ts.readConfigFile(file, ts.sys.readFile)
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'))
  // The outputs stay in memory (see compile), so outDir only has to mirror the repository's layout.
  return ts.parseJsonConfigFileContent(
    config,
    ts.sys,
    repoRoot,
    { outDir: path.join(repoRoot, '.build-output'), rootDir: repoRoot },
    file,
  ).options
}

const format = (diagnostics) =>
  ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => repoRoot,
    getNewLine: () => '\n',
  })

/** The outputs of every package's own source files, by their place in its dist/, until their imports are rewritten. */
function compile(packages) {
  const options = compilerOptions()
  const program = ts.createProgram({ options, rootNames: packages.flatMap((pkg) => pkg.entries) })
  const diagnostics = []
  for (const pkg of packages) {
    pkg.outputs = new Map()
    pkg.modules = 0
    for (const file of program.getSourceFiles()) {
      if (file.isDeclarationFile || !inside(pkg.src, path.resolve(file.fileName))) continue
      if (isSpec(file.fileName))
        problems.push(`${pkg.name}: ${path.relative(pkg.dir, file.fileName)} is a spec, but an entry imports it`)
      // Type errors are \`npm run typecheck\`'s to find (it checks the packages with the reference app's generated
      // Payload types); the build checks what only it sees: declarations a host's compiler can read.
      diagnostics.push(...program.getSyntacticDiagnostics(file), ...program.getDeclarationDiagnostics(file))
      const result = program.emit(file, (fileName, text) => {
        const source = path.join(repoRoot, path.relative(options.outDir, fileName))
        pkg.outputs.set(path.join(pkg.dist, path.relative(pkg.src, source)), text)
      })
      diagnostics.push(...result.diagnostics)
      pkg.modules++
    }
  }
  if (diagnostics.length > 0) problems.push(format(diagnostics))
}

/** Stylesheets and other non-TypeScript files under src/, by their place in dist/. */
function assets(pkg) {
  const found = new Map()
  for (const entry of fs.readdirSync(pkg.src, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name)
    if (entry.isFile() && !/\.tsx?$/.test(entry.name))
      found.set(path.join(pkg.dist, path.relative(pkg.src, file)), file)
  }
  return found
}

const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')

/** The module specifiers of a compiled file: imports, re-exports, `import()` and `import('…').Type`. */
function specifiers(file, text) {
  const found = []
  const visit = (node) => {
    if (
      (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    )
      found.push(node.moduleSpecifier)
    else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    )
      found.push(node.arguments[0])
    else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    )
      found.push(node.argument.literal)
    ts.forEachChild(node, visit)
  }
  visit(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true))
  return found
}

/** `./x` → `./x.js` or `./x/index.js`, as the outputs have them; bare imports are checked against the manifest. */
function resolveSpecifier(pkg, file, specifier) {
  const declaration = file.endsWith('.d.ts')
  const where = path.relative(pkg.dir, file)
  if (!specifier.startsWith('.')) {
    const name = packageName(specifier)
    if (declaration || isBuiltin(specifier) || name === pkg.name) return specifier
    pkg.imported.add(name)
    if (!pkg.dependencies.has(name))
      problems.push(
        `${pkg.name}: ${where} imports ${specifier}, but ${name} is neither a dependency nor a peer dependency`,
      )
    return specifier
  }
  const target = path.resolve(path.dirname(file), specifier)
  const extension = declaration ? '.d.ts' : '.js'
  if (pkg.outputs.has(target + extension)) return `${specifier}.js`
  if (pkg.outputs.has(path.join(target, `index${extension}`))) return `${specifier}/index.js`
  if (pkg.assets.has(target)) return specifier
  // In a .d.ts too: an installed copy's types would silently turn into `any`.
  problems.push(
    `${pkg.name}: ${where} imports ${specifier}, ${inside(pkg.dist, target) ? 'a file that was not built' : 'a file outside the package'}`,
  )
  return specifier
}

function rewrite(pkg, file, text) {
  let result = text
  // From the last to the first, so the earlier positions stay valid.
  for (const literal of specifiers(file, text).reverse()) {
    const specifier = resolveSpecifier(pkg, file, literal.text)
    if (specifier !== literal.text)
      result = `${result.slice(0, literal.getStart() + 1)}${specifier}${result.slice(literal.end - 1)}`
  }
  return result
}

function write(pkg, hash) {
  fs.rmSync(pkg.dist, { force: true, recursive: true })
  for (const [file, text] of pkg.written) {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, text)
  }
  for (const [target, source] of pkg.assets) {
    fs.mkdirSync(path.dirname(target), { recursive: true })
    fs.copyFileSync(source, target)
  }
  fs.writeFileSync(path.join(pkg.dist, STAMP), `${hash}\n`)
}

const dirs = process.argv.length > 2 ? process.argv.slice(2) : [process.cwd()]
const packages = dirs.map((dir) => readPackage(path.resolve(dir)))
const hash = inputsHash()
const stale = packages.filter((pkg) => {
  const stamp = path.join(pkg.dist, STAMP)
  return !fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8').trim() !== hash
})
for (const pkg of packages.filter((pkg) => !stale.includes(pkg)))
  console.log(`build-package: ${pkg.name}: dist/ is up to date`)
if (stale.length === 0) process.exit(0)

if (problems.length === 0) compile(stale)
for (const pkg of stale.filter((pkg) => pkg.outputs)) {
  pkg.assets = assets(pkg)
  pkg.written = new Map([...pkg.outputs].map(([file, text]) => [file, rewrite(pkg, file, text)]))
  for (const name of Object.keys(pkg.manifest.dependencies ?? {}))
    if (!pkg.imported.has(name)) warnings.push(`${pkg.name}: dependency ${name} is not imported by any built module`)
}
if (problems.length > 0) {
  console.error(`build-package: not built:\n${problems.join('\n')}`)
  process.exit(1)
}
for (const pkg of stale) write(pkg, hash)
for (const warning of new Set(warnings)) console.warn(`build-package: warning: ${warning}`)
const seconds = ((performance.now() - started) / 1000).toFixed(1)
for (const pkg of stale)
  console.log(`build-package: ${pkg.name}: ${pkg.modules} modules, ${pkg.assets.size} assets → dist/`)
console.log(`build-package: built ${stale.length} package(s) in ${seconds} s`)
