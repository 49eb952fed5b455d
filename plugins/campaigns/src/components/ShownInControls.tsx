'use client'

/**
 * The edit view's stand-in for the status fields: a form field shows the value of page load, so a
 * sending campaign read "Pausiert" with its old reason. CampaignControls shows them live instead;
 * the list view keeps its columns.
 */
export function ShownInControls() {
  return null
}
