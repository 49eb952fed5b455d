/** RFM score bands (1–5): a score is the highest band the value reaches. */
export type RfmBands = {
  /** Minimum purchases in the window for scores 2, 3, 4, 5. */
  frequency: [number, number, number, number]
  /** Minimum spend (EUR) in the window for scores 2, 3, 4, 5. */
  monetary: [number, number, number, number]
  /** Maximum days since the last purchase for scores 5, 4, 3, 2. */
  recencyDays: [number, number, number, number]
}

export type SegmentsPluginOptions = {
  /**
   * Fixed RFM bands, so a subscriber's RFM score does not move when other people buy.
   * @default { frequency: [2, 3, 5, 10], monetary: [50, 200, 500, 1000], recencyDays: [30, 90, 180, 365] }
   */
  rfmBands?: RfmBands
  /** Frequency and monetary value count purchases of this many days (recency looks at all). @default 365 */
  rfmWindowDays?: number
  /** The collection of the people segments select (the core's subscribers). @default 'subscribers' */
  subscribersSlug?: string
}

export type ResolvedSegmentsOptions = Required<SegmentsPluginOptions>
