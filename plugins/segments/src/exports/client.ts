'use client'

/** Client components of the admin UI, referenced by path: '@kontorwerk/segments/client#RuleBuilder'. */
export { FreezeSegment } from '../components/FreezeSegment'
export { MemberImport } from '../components/MemberImport'
export { RuleBuilder } from '../components/RuleBuilder'
