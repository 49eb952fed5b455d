import { campaignScaleBench } from './campaign-scale'
import { campaignSendBench } from './campaign-send'
import { campaignWorkersBench } from './campaign-workers'
import { eventIntakeBench } from './events-intake'
import { landingPageBench } from './landing-page'
import { predictionsBench } from './predictions'
import { recommendationsBench } from './recommendations'
import { renderBench } from './render'
import { segmentsBench } from './segments'
import { subscriberImportBench } from './subscriber-import'

// `npm run bench`: every benchmark prints its baseline from the same run; figures go to docs/benchmarks.md.
const only = process.argv[2]
if (!only || only === 'render') await renderBench()
if (!only || only === 'landing') await landingPageBench()
if (!only || only === 'events') await eventIntakeBench()
if (!only || only === 'segments') await segmentsBench()
if (!only || only === 'send') await campaignSendBench()
if (!only || only === 'workers') await campaignWorkersBench()
// A million recipients take most of an hour: only when asked for.
if (only === 'send-scale') await campaignScaleBench()
if (!only || only === 'predictions') await predictionsBench()
if (!only || only === 'import') await subscriberImportBench()
if (!only || only === 'recommendations') await recommendationsBench()
process.exit(0)
