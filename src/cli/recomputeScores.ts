import '../config/loadEnv'

import { getPayload } from 'payload'

import { recomputeScores } from '@kontorwerk/lead-scoring'

import config from '../../payload.config'
import { closeDatabase } from '../database/close'

// `npm run scores:recompute [-- --restart]`: applies changed rules to all stored events; resumable.
const payload = await getPayload({ config })
const result = await recomputeScores(payload, {
  onPage: (done) => payload.logger.info(`Recomputed ${done} subscribers`),
  restart: process.argv.includes('--restart'),
})
payload.logger.info(
  `Scores recomputed for ${result.subscribers} subscribers${result.resumedAfter ? ` (resumed after id ${result.resumedAfter})` : ''}`,
)
await closeDatabase(payload)
process.exit(0)
