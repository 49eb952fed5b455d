import nextEnv from '@next/env'

// Same .env files and precedence as Next uses, loaded before the Payload config is evaluated.
nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== 'production')
