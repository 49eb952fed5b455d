import type { AdminViewServerProps, Payload, PayloadRequest } from 'payload'

import React from 'react'

import { isPossibleId, relationKey } from '@kontorwerk/personalization'

import type { Automation, Campaign } from '../documents'
import type { ReportWords } from './ReportTable'

import { CAMPAIGN_STATUS_OPTIONS } from '../collections/Campaigns'
import { AUTOMATIONS, CAMPAIGNS } from '../defaults'
import { type CampaignReport, campaignReport } from '../reporting/campaignReport'
import { reportFormat } from '../reporting/reportFormat'
import { type AutomationSteps, groupByAutomation } from '../reporting/reportGroups'
import { parseReportQuery, REPORT_PAGE_SIZE, type ReportQuery, reportWhere } from '../reporting/reportQuery'
import { CampaignDetail } from './CampaignDetail'
import { countSeries, ReportChart } from './ReportChart'
import { ReportFilters, ReportPager } from './ReportFilters'
import { reportPage } from './ReportPage'
import { type ReportRow, ReportTable } from './ReportTable'

const STATUSES = CAMPAIGN_STATUS_OPTIONS.map((option) => option.value)

/**
 * /admin/campaign-report: the campaigns matching search and filters, a page at a time (state in the URL,
 * so a link reproduces the view), as a chart and a table with the same numbers; the campaigns an
 * automation created stand under it, by step. `?campaign=<id>` opens any campaign's variants, blocks
 * and skip reasons, whether or not it is on the page shown.
 */
export async function CampaignDashboard(props: AdminViewServerProps) {
  const { searchParams } = props
  const { req } = props.initPageResult
  const t = req.t as unknown as ReportWords
  const template = reportPage(props, 'campaign-report', t('kontorwerk-campaigns:reportTitle'))
  if (!req.user) return template(<p>{t('kontorwerk-campaigns:reportLogin')}</p>)
  const format = reportFormat(req.i18n.language)
  const query = parseReportQuery(searchParams, STATUSES)
  const [automations, listed, selected] = await Promise.all([
    automationsWithSteps(req.payload, req),
    req.payload.find({
      collection: CAMPAIGNS as 'campaigns',
      depth: 0,
      limit: REPORT_PAGE_SIZE,
      overrideAccess: false,
      page: query.page,
      req,
      sort: '-createdAt',
      where: reportWhere(query),
    }),
    selectedReport(req.payload, query.campaign, req),
  ])
  const anyCampaign =
    listed.totalDocs > 0 ||
    (await req.payload.count({ collection: CAMPAIGNS as 'campaigns', overrideAccess: false, req })).totalDocs > 0
  if (!anyCampaign) return template(<p>{t('kontorwerk-campaigns:reportEmpty')}</p>)
  const docs = listed.docs as unknown as Campaign[]
  const reports = await Promise.all(docs.map((doc) => campaignReport(req.payload, String(doc.id), req)))
  const rows: ReportRow[] = reports.map((report, index) => ({
    ...report,
    automation: relationKey(docs[index].automation) ?? null,
    automationStep: docs[index].automationStep ?? null,
    startedAt: docs[index].startedAt ?? null,
  }))
  const groups = groupByAutomation(rows, automations)
  return template(
    <>
      {query.campaign && !selected && (
        <p className="campaign-report__not-found" role="alert">
          {t('kontorwerk-campaigns:reportNotFound', { id: query.campaign })}
        </p>
      )}
      {selected && <CampaignDetail format={format} query={query} report={selected} t={t} />}
      <ReportFilters
        automations={[...automations.values()]}
        query={query}
        statuses={CAMPAIGN_STATUS_OPTIONS.map((option) => ({ label: option.label({ t }), value: option.value }))}
        t={t}
      />
      {docs.length === 0 ? (
        <p role="status">{t('kontorwerk-campaigns:reportNoMatch')}</p>
      ) : (
        <>
          <p aria-live="polite" className="campaign-report__summary">
            {t('kontorwerk-campaigns:reportSummary', {
              count: format.number(listed.totalDocs),
              page: format.number(listed.page ?? 1),
              pages: format.number(listed.totalPages),
            })}
          </p>
          <ReportChart
            description={t('kontorwerk-campaigns:reportChart')}
            format={format}
            groups={groups.flatMap((group) => (group.kind === 'single' ? [group.row] : group.rows))}
            label={t('kontorwerk-campaigns:reportChartLabel')}
            series={countSeries(t)}
          />
          <ReportTable format={format} groups={groups} query={query} t={t} />
          <ReportPager format={format} page={listed.page ?? 1} query={query} t={t} totalPages={listed.totalPages} />
        </>
      )}
    </>,
  )
}

/** Every automation with its send steps in order: the filter's choices and the groups' headings. */
async function automationsWithSteps(payload: Payload, req: PayloadRequest): Promise<Map<string, AutomationSteps>> {
  const { docs } = await payload.find({
    collection: AUTOMATIONS as 'automations',
    depth: 0,
    limit: 0,
    overrideAccess: false,
    pagination: false,
    req,
    select: { name: true, steps: true },
    sort: 'name',
  })
  return new Map(
    (docs as unknown as Automation[]).map((doc) => [
      String(doc.id),
      {
        id: String(doc.id),
        name: doc.name,
        steps: (doc.steps ?? []).filter((step) => step.id).map((step) => String(step.id)),
      },
    ]),
  )
}

/** The campaign `?campaign=` names, if the user may read it; null for an unknown or malformed id. */
async function selectedReport(payload: Payload, id: string, req: PayloadRequest): Promise<CampaignReport | null> {
  if (!id || !isPossibleId(payload, id)) return null
  const { totalDocs } = await payload.count({
    collection: CAMPAIGNS as 'campaigns',
    overrideAccess: false,
    req,
    where: { id: { equals: id } },
  })
  return totalDocs > 0 ? campaignReport(payload, id, req, { revenueAnalysis: true }) : null
}
