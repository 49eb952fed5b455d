// Makes a generated SQLite migration that rebuilds tables safe to run on a database with data:
// drizzle-kit turns foreign keys back on after the first rebuilt table (dropping a parent table
// later would then cascade-delete its children's rows) and runs no transaction. This wraps the
// whole of up() and down() in rebuildTables (src/database/sqliteTableRebuild.ts) instead.
// Usage: node scripts/wrap-table-rebuilds.mjs <migration.ts>  (create-migrations.sh calls it)
import fs from 'node:fs'

const file = process.argv[2]
let source = fs.readFileSync(file, 'utf8')
if (!source.includes('PRAGMA foreign_keys=OFF') || source.includes('rebuildTables(')) process.exit(0)

source = source.replace(/^ {2}await db\.run\(sql`PRAGMA foreign_keys=(OFF|ON);`\)\n/gm, '')
const wrap = (fn) =>
  source.replace(
    new RegExp(`(export async function ${fn}\\(\\{ db[^)]*\\): Promise<void> \\{\\n)([\\s\\S]*?)\\n\\}\\n`),
    (_, head, body) => {
      const indented = body
        .split('\n')
        .map((line) => (line.trim() ? `  ${line}` : line))
        .join('\n')
      return `${head}  await rebuildTables(db, async () => {\n${indented}\n  })\n}\n`
    },
  )
source = wrap('up')
source = wrap('down')
source = source.replace(
  /^(import \{[^}]*\} from '@payloadcms\/db-sqlite'\n)/m,
  `$1\nimport { rebuildTables } from '../../sqliteTableRebuild'\n`,
)
fs.writeFileSync(file, source)
console.log(`wrap-table-rebuilds: ${file} now rebuilds its tables in one transaction with foreign keys off`)
