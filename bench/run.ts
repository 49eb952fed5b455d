import { campaignSendBench } from './campaign-send'
import { eventIntakeBench } from './events-intake'
import { landingPageBench } from './landing-page'
import { renderBench } from './render'
import { segmentsBench } from './segments'

// `npm run bench`: every benchmark prints its baseline from the same run; figures go to docs/benchmarks.md.
const only = process.argv[2]
if (!only || only === 'render') await renderBench()
if (!only || only === 'landing') await landingPageBench()
if (!only || only === 'events') await eventIntakeBench()
if (!only || only === 'segments') await segmentsBench()
if (!only || only === 'send') await campaignSendBench()
process.exit(0)
