import { ESLint } from 'eslint'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

let eslint: ESLint
beforeAll(() => {
  eslint = new ESLint({ cwd: root })
})

/** The linter's verdict on one import line, as if it stood in the given file of this repository (import order aside). */
describe('the package boundaries the linter enforces (eslint.config.mjs, run by `npm run lint` in the test command)', () => {
  const problems = async (file: string, code: string) => {
    const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(root, file) })
    return result.messages
      .filter((message) => !/^perfectionist\/|one-import-per-module/.test(message.ruleId ?? ''))
      .map((message) => `${message.ruleId}: ${message.message}`)
  }

  it('refuses a package reaching into the app: generated types, the config, collections, the seed', async () => {
    expect(
      await problems(
        'plugins/consent/src/utilities/x.ts',
        "import type { Subscriber } from '../../../../src/payload-types'",
      ),
    ).toEqual([
      expect.stringMatching(
        /package-boundaries: .*reaches out of @kontorwerk\/consent into the app \(src\/payload-types\)/,
      ),
    ])
    expect(
      await problems('plugins/lead-scoring/src/cli/x.ts', "import config from '../../../../payload.config'"),
    ).toHaveLength(1)
    expect(
      await problems('plugins/segments/src/x.ts', "import { Users } from '../../../collections/Users'"),
    ).toHaveLength(1)
    expect(await problems('plugins/segments/src/x.ts', "import config from '@payload-config'")).toHaveLength(1)
    expect(
      await problems('plugins/campaigns/src/x.ts', "const { seedDemoData } = await import('../../../src/seed')"),
    ).toHaveLength(1)
  })

  it('refuses deep imports into another package, by relative path or past its exports, also as a type or an admin component path', async () => {
    expect(
      await problems(
        'plugins/campaigns/src/x.ts',
        "import { writeMembers } from '../../segments/src/utilities/segmentService'",
      ),
    ).toEqual([expect.stringMatching(/reaches into @kontorwerk\/segments; import it through its entry/)])
    expect(
      await problems('plugins/campaigns/src/x.ts', "import { flows } from '@kontorwerk/consent/src/utilities/flows'"),
    ).toEqual([
      expect.stringMatching(
        /is a deep import; @kontorwerk\/consent offers only "@kontorwerk\/consent", "@kontorwerk\/consent\/client"/,
      ),
    ])
    expect(
      await problems('src/x.ts', "type Intake = typeof import('../plugins/personalization/src/events/intake')"),
    ).toHaveLength(1)
    expect(
      await problems(
        'src/x.ts',
        "export const field = { Field: '@kontorwerk/consent/src/components/ConsentHistory#ConsentHistory' }",
      ),
    ).toHaveLength(1)
  })

  it('keeps the core free of the plugins and each plugin to the packages it declares', async () => {
    expect(
      await problems('plugins/personalization/src/x.ts', "import { consentOptions } from '@kontorwerk/consent'"),
    ).toEqual([expect.stringMatching(/the core \(@kontorwerk\/personalization\) imports no other package/)])
    expect(await problems('plugins/consent/src/x.ts', "import { segmentsOf } from '@kontorwerk/segments'")).toEqual([
      expect.stringMatching(/@kontorwerk\/consent imports @kontorwerk\/segments without declaring it/),
    ])
  })

  it('refuses environment reads in package code', async () => {
    expect(await problems('plugins/consent/src/x.ts', 'export const url = process.env.PUBLIC_URL')).toEqual([
      expect.stringMatching(/^no-restricted-properties: .*options, not the environment/),
    ])
    expect(await problems('plugins/consent/src/x.ts', "import { env } from 'node:process'")).toEqual([
      expect.stringMatching(/^no-restricted-imports: /),
    ])
  })

  it('lets through what the layout allows', async () => {
    const allowed: [string, string][] = [
      [
        'plugins/campaigns/src/sending/x.ts',
        "import { relationKey } from '@kontorwerk/personalization'\nimport { segmentsOf } from '@kontorwerk/segments'\nimport { CAMPAIGNS } from '../defaults'",
      ],
      [
        'plugins/consent/src/x.ts',
        "import { ConsentHistory } from '@kontorwerk/consent/client'\nimport layout from '../emails/double-opt-in.mjml'",
      ],
      [
        'plugins/campaigns/src/exports/client.ts',
        "export const Field = '@kontorwerk/campaigns/client#CampaignControls'",
      ],
      // Specs run inside the reference app through the shared harness, and may use their devDependencies.
      [
        'plugins/lead-scoring/src/x.spec.ts',
        "import { startDemoPayload } from '../../../tests/helpers/referenceApp'\nimport { recordConsent } from '@kontorwerk/consent'",
      ],
      [
        'src/config/x.ts',
        "import { consent } from '@kontorwerk/consent'\nimport { staffRequest } from '@kontorwerk/campaigns/testing'\nexport const base = process.env.PUBLIC_URL",
      ],
    ]
    for (const [file, code] of allowed) expect(await problems(file, code), file).toEqual([])
  })

  it('still refuses the harness to package code that ships', async () => {
    expect(
      await problems(
        'plugins/lead-scoring/src/x.ts',
        "import { startDemoPayload } from '../../../tests/helpers/referenceApp'",
      ),
    ).toHaveLength(1)
  })
})

describe('one import statement per module (fixed by `npm run fix`)', () => {
  const fixed = async (code: string) => {
    const fixer = new ESLint({
      cwd: root,
      fix: true,
      ruleFilter: ({ ruleId }) => ruleId === 'kontorwerk/one-import-per-module',
    })
    const [result] = await fixer.lintText(code, { filePath: path.join(root, 'plugins/consent/src/x.ts') })
    return result.output ?? code
  }

  it('folds named imports of one module into the first statement, values and types each on their own', async () => {
    const code = [
      "import type { Payload } from 'payload'",
      "import type { Where } from 'payload'",
      "import { relationId } from '@kontorwerk/personalization'",
      "import { type LinkSubject, normalizeEmail } from '@kontorwerk/personalization'",
      "import { salutation } from '@kontorwerk/personalization'",
      '',
    ].join('\n')
    expect(await fixed(code)).toBe(
      [
        "import type { Payload, Where } from 'payload'",
        "import { relationId, type LinkSubject, normalizeEmail, salutation } from '@kontorwerk/personalization'",
        '',
      ].join('\n'),
    )
  })

  it('leaves default and namespace imports, and a single import, as they are', async () => {
    const code = [
      "import fs from 'node:fs'",
      "import { readFileSync } from 'node:fs'",
      "import * as path from 'node:path'",
      "import { join } from 'node:path'",
      '',
    ].join('\n')
    expect(await fixed(code)).toBe(code)
  })
})
