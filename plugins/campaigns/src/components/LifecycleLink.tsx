import React from 'react'

/** A link to the lifecycle dashboard in the admin navigation, in the admin language ("Lebenszyklus"). */
export function LifecycleLink({ i18n }: { i18n?: { t: (key: string) => string } }) {
  const label = i18n?.t('kontorwerk-campaigns:lifecycleTitle')
  return (
    <a className="nav__link" href="/admin/lifecycle" id="nav-lifecycle" style={{ display: 'block', padding: '4px 0' }}>
      {label && !label.endsWith('lifecycleTitle') ? label : 'Lebenszyklus'}
    </a>
  )
}
