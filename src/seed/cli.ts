import '../config/loadEnv'

import { getPayload } from 'payload'

import config from '../../payload.config'
import { closeDatabase } from '../database/close'
import { seedDemoData } from './index'

// `npm run seed`: adds whatever part of the demo is missing, also to a database that has users.
const payload = await getPayload({ config })
await seedDemoData(payload)
await closeDatabase(payload)
process.exit(0)
