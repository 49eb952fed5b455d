import { buildConfig } from 'payload'

import { appConfig } from './src/config/appConfig'

export default buildConfig(appConfig())
