'use client'

/** Client components of the admin UI, referenced by path: '@kontorwerk/lead-scoring/client#LeadScore'. */
export { LeadScore } from '../components/LeadScore'
