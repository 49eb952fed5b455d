// The demo frontend (docs/plugins/personalization.md#browser-sdk-and-anonymous-visitors): a plain site
// using the browser SDK. Its consent banner stands in for a consent-management platform (CMP): the
// SDK is told through the callback it hands to `consent`, and stores nothing until the visitor agrees.
import { init } from '/sdk/kontorwerk-sdk.js'

const CHOICE_KEY = 'demo.cmp.tracking'
const listeners = []
/** The demo CMP: remembers the visitor's choice (strictly necessary storage), tells every listener. */
const cmp = {
  choice: () => localStorage.getItem(CHOICE_KEY),
  decide(granted) {
    localStorage.setItem(CHOICE_KEY, granted ? 'granted' : 'denied')
    for (const listener of listeners) listener(granted)
  },
  onChange(listener) {
    listeners.push(listener)
    if (cmp.choice()) listener(cmp.choice() === 'granted')
  },
}

const kw = init({ consent: (set) => cmp.onChange(set), endpoint: location.origin })
window.kontorwerk = kw // for the browser test and curious visitors

// A mail's landing-page link carries the reader's token: events and answers are then theirs.
const token = new URLSearchParams(location.search).get('token')
if (token) kw.identify(token)

function showBanner() {
  const banner = document.getElementById('consent-banner')
  if (!banner || cmp.choice()) return
  banner.hidden = false
  banner.querySelector('[data-consent="accept"]').addEventListener('click', () => {
    cmp.decide(true)
    banner.hidden = true
    kw.page()
  })
  banner.querySelector('[data-consent="deny"]').addEventListener('click', () => {
    cmp.decide(false)
    banner.hidden = true
  })
}

const escape = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '"': '&quot;', '&': '&amp;', "'": '&#39;', '<': '&lt;', '>': '&gt;' })[c])

async function showLandingPage(section) {
  const page = await kw.landingPage(section.dataset.landingPage)
  section.querySelector('h2').textContent = page.headline
  section.querySelector('[data-blocks]').innerHTML = page.sections
    .flatMap((slot) => slot.blocks)
    .map(
      (block) =>
        `<article class="block" data-block="${escape(block.id)}" data-interests="${escape(block.reason.matchedInterests.join(' '))}"><h3>${escape(block.title)}</h3>${block.bodyHtml}</article>`,
    )
    .join('')
}

function wireSignup(form) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    const data = new FormData(form)
    const tracking = data.get('tracking') === 'on'
    const response = await fetch('/api/graphql', {
      body: JSON.stringify({
        query:
          'mutation($email: String!, $topics: [String!]!, $tracking: Boolean, $visitor: String) { subscribe(email: $email, topics: $topics, tracking: $tracking, visitor: $visitor) { ok status } }',
        variables: {
          email: data.get('email'),
          topics: ['wochen-update'],
          tracking,
          visitor: tracking ? kw.visitorId() : null,
        },
      }),
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    })
    const result = await response.json()
    form.querySelector('[data-result]').textContent = result.errors
      ? result.errors[0].message
      : 'Fast geschafft: Bitte bestätigen Sie die Anmeldung über den Link in der E-Mail.'
  })
}

// Links on the page are clicks worth knowing (only with consent; the SDK drops them otherwise).
document.addEventListener('click', (event) => {
  const link = event.target.closest?.('a[href]')
  if (link) kw.track('link_clicked', { url: link.href })
})

showBanner()
kw.page()
const landing = document.querySelector('[data-landing-page]')
if (landing)
  showLandingPage(landing).catch((error) => (landing.querySelector('[data-blocks]').textContent = error.message))
const signup = document.querySelector('form[data-signup]')
if (signup) wireSignup(signup)
