import type { Payload } from 'payload'

import { invalidateBlockLibrary } from '@kontorwerk/personalization'

import { specData } from './specData'

/**
 * Templates that cost seconds, gigabytes or forever without limits: nested loops, huge ranges,
 * strings doubled by filters or capture, big lists sorted in loops, literal text repeated.
 * The first costs ~6 s without limits but ends, so a test that starts with it fails (rather than
 * hangs) on code without limits; the second is the classic that never ends.
 */
export const COSTLY_TEMPLATES = [
  '{% for a in (1..3000) %}{% for b in (1..3000) %}x{% endfor %}{% endfor %}',
  '{% for a in (1..100000) %}{% for b in (1..100000) %}x{% endfor %}{% endfor %}',
  '{% assign d = "0123456789" | split: "" %}{% for a in d %}{% for b in d %}{% for c in d %}{% for e in d %}{% for f in d %}{% for g in d %}{% for h in d %}x{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}',
  '{% for i in (1..100000000) %}{{ salutation }}{% endfor %}',
  '{% assign s = "xxxxxxxxxx" %}{% for i in (1..22) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}',
  '{% assign s = "x" %}{% for i in (1..24) %}{% assign s = s | append: s %}{% endfor %}{{ s | split: "" | sort | size }}',
  '{% capture s %}x{% endcapture %}{% for i in (1..24) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s | size }}',
  '{% for i in (1..2000) %}{% assign t = salutation | append: salutation | split: "" | sort | join: "" %}{% endfor %}',
  `{% for i in (1..5000) %}${'Wachsender Text. '.repeat(2000)}{% endfor %}`,
  '{% tablerow a in (1..3000) %}{% tablerow b in (1..3000) %}x{% endtablerow %}{% endtablerow %}',
  '{{ "now" | date: "%1000000000d" }}',
  '{% assign d = "0123456789" | split: "" %}{% for a in d %}{% for b in d %}{% for c in d %}{% for e in d %}{% for f in d %}{% for g in d %}{% for h in d %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}{% endfor %}',
  // Few steps but much work in each: only the time limit stops it.
  `{% for i in (1..5000) %}{% if ${Array(60).fill('1 == 1').join(' and ')} %}{% endif %}{% endfor %}`,
]

/** Costs seconds without limits but ends: what a "stored before the limits" test renders. */
export const SLOW_BUT_FINITE = COSTLY_TEMPLATES[0]

/**
 * A template stored before the save-time checks existed: a published block is created, then its
 * title is overwritten in the database past validation; a newsletter and a landing page have one
 * slot that only this block can fill (a generic block, on an interest nothing else has).
 */
export async function storeTemplatePastChecks(payload: Payload, template: string) {
  const name = `probe-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`
  const interest = await payload.create({ collection: 'interests', data: { label: name, slug: name } })
  const block = await payload.create({
    collection: 'content-blocks',
    data: specData('content-blocks', {
      _status: 'published',
      channels: ['sms'],
      isFallback: true,
      title: 'Platzhalter',
    }),
  })
  const slot = (channel: 'email' | 'landing_page') => ({
    channel,
    count: 1,
    fallback: block.id,
    interests: [interest.id],
    key: 'probe',
    label: 'Probe',
    strategy: 'relevance' as const,
  })
  const newsletter = await payload.create({
    collection: 'newsletters',
    data: specData('newsletters', { layout: 'standard', name, slots: [slot('email')], slug: name, subject: 'Probe' }),
  })
  const landingPage = await payload.create({
    collection: 'landing-pages',
    data: { hero: { headline: 'Probe' }, slots: [slot('landing_page')], slug: name, title: name },
  })
  await payload.db.updateOne({
    collection: 'content-blocks',
    data: { title: template, updatedAt: new Date().toISOString() },
    where: { id: { equals: block.id } },
  })
  // Edits of other processes reach the library after a while; this one bypassed the hooks that would tell it at once.
  invalidateBlockLibrary(payload)
  return { block, landingPage, newsletter }
}
