/** Fitted purchase models (BG/NBD, Gamma-Gamma). */
export const PURCHASE_MODELS = 'purchase-models'
/** One buyer's prediction under one model. */
export const PURCHASE_PREDICTIONS = 'purchase-predictions'
