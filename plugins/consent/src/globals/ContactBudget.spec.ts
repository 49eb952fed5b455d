import type { Payload } from 'payload'

import { ValidationError } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createStaff, type LocalPayload, startLocalPayload } from '../../../../tests/helpers/localPayload'
import { channelBudget, CONTACT_BUDGET, contactBudgetSettings } from './ContactBudget'

describe('the contact-budget global (Local API, SQLite)', () => {
  let local: LocalPayload
  let payload: Payload

  beforeAll(async () => {
    local = await startLocalPayload('sqlite')
    payload = local.payload
  })
  afterAll(() => local?.close())

  const save = (data: Record<string, unknown>, user?: Awaited<ReturnType<typeof createStaff>>) =>
    payload.updateGlobal({ data: data as never, overrideAccess: !user, slug: CONTACT_BUDGET as never, user })
  const fieldErrors = (promise: Promise<unknown>) =>
    promise.then(
      () => [],
      (error: unknown) => {
        if (!(error instanceof ValidationError)) throw error
        return error.data.errors.map((entry) => `${entry.path}: ${entry.message}`)
      },
    )

  it('starts from the option defaults: 1 per day, 3 per week, quiet 20:00–08:00', async () => {
    const settings = await contactBudgetSettings(payload)
    expect(channelBudget(settings, 'email')).toEqual({ perDay: 1, perWeek: 3 })
    expect(settings.quietHours).toEqual({ from: '20:00', until: '08:00' })
  })

  it('takes an admin’s change at once, and refuses bad values with field errors that change nothing', async () => {
    await save({ email: { perDay: 2, perWeek: 5 }, quietHours: { from: '21:30', until: '07:00' } })
    const settings = await contactBudgetSettings(payload)
    expect(channelBudget(settings, 'email')).toEqual({ perDay: 2, perWeek: 5 })
    expect(channelBudget(settings, 'sms')).toEqual({ perDay: 1, perWeek: 3 })
    expect(settings.quietHours).toEqual({ from: '21:30', until: '07:00' })

    expect(await fieldErrors(save({ email: { perDay: 0, perWeek: 3 } }))).toEqual([
      'email.perDay: Erwartet wird eine ganze Zahl von 1 bis 50.',
    ])
    expect(await fieldErrors(save({ email: { perDay: 3, perWeek: 2 } }))).toEqual([
      'email.perWeek: Pro Woche muss mindestens so viel erlaubt sein wie pro Tag.',
    ])
    expect(await fieldErrors(save({ quietHours: { from: '25:00', until: '7' } }))).toEqual([
      'quietHours.from: Erwartet wird eine Uhrzeit wie 20:00.',
      'quietHours.until: Erwartet wird eine Uhrzeit wie 20:00.',
    ])
    expect(channelBudget(await contactBudgetSettings(payload), 'email')).toEqual({ perDay: 2, perWeek: 5 })
  })

  it('lets staff read it and only admins change it', async () => {
    // (The first account of a fresh database is always an admin.)
    const admin = await createStaff(payload, 'admin')
    const editor = await createStaff(payload, 'editor', 'editor-budget@example.com')
    expect(editor.role).toBe('editor')
    await expect(save({ email: { perDay: 5, perWeek: 10 } }, editor)).rejects.toThrow()
    expect(
      await payload.findGlobal({ overrideAccess: false, slug: CONTACT_BUDGET as never, user: editor }),
    ).toMatchObject({ email: { perDay: 2, perWeek: 5 } })
    await save({ email: { perDay: 1, perWeek: 3 } }, admin)
    expect(channelBudget(await contactBudgetSettings(payload), 'email')).toEqual({ perDay: 1, perWeek: 3 })
  })
})
