/** How purchase predictions are fitted; plugin option `predictions`. */
export type PredictionOptions = {
  /** Days ahead the expected purchases and value look. @default 90 */
  horizonDays?: number
  /** Fewer buyers than this in the window: no fit (the estimates would be noise); the previous model stays. @default 50 */
  minimumCustomers?: number
  /** Days of purchase history a fit reads, ending at the fit. @default 730 */
  windowDays?: number
}

export type ResolvedPredictionOptions = Required<PredictionOptions> & { subscribersSlug: string }

export const DEFAULT_PREDICTION_OPTIONS: Required<PredictionOptions> = {
  horizonDays: 90,
  minimumCustomers: 50,
  windowDays: 730,
}
