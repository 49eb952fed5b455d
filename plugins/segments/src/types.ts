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
  /** Fixed RFM bands, so a subscriber's RFM score does not move when other people buy. */
  rfmBands?: RfmBands
  /** Frequency and monetary value count purchases of this many days (recency looks at all). */
  rfmWindowDays?: number
}

export type ResolvedSegmentsOptions = Required<SegmentsPluginOptions>
