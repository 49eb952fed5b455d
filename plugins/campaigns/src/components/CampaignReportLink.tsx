import React from 'react'

/** A link to the campaign report in the admin navigation. */
export function CampaignReportLink() {
  return (
    <a
      className="nav__link"
      href="/admin/campaign-report"
      id="nav-campaign-report"
      style={{ display: 'block', padding: '4px 0' }}
    >
      Kampagnen-Bericht
    </a>
  )
}
