'use client'

/** Client components of the admin UI, referenced by path: '@kontorwerk/consent/client#ConsentHistory'. */
export { ConsentHistory } from '../components/ConsentHistory'
export { ImportReport } from '../components/ImportReport'
