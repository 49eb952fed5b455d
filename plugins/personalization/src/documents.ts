/**
 * The documents of the core's collections as this package reads them. Written here rather than taken
 * from a host's generated `payload-types`: the package cannot know its host's file, and a host may
 * name the collections differently (slugs come from the options). Ids are numbers on the SQL adapters
 * and strings on MongoDB. Fields other plugins add to these collections are not listed, except where
 * noted.
 */
import type { Channel, Goal } from './domain/channels'

export type DocumentId = number | string

/** A relationship to a document of type T: its id, or the document when populated. */
type Relation<T> = DocumentId | T

type Timestamps = { createdAt: string; updatedAt: string }

type ImageSize = { height?: null | number; url?: null | string; width?: null | number }

/** An image of the host's upload collection (option `mediaSlug`); the sizes are used when the host defines them. */
export interface Media extends Timestamps {
  alt: string
  height?: null | number
  id: DocumentId
  sizes?: { email?: ImageSize; emailRetina?: ImageSize; web?: ImageSize }
  url?: null | string
  width?: null | number
}

export interface Persona extends Timestamps {
  description?: null | string
  id: DocumentId
  name: string
  profile?:
    | {
        attribute: string
        id?: null | string
        operator: 'gte' | 'in' | 'lte'
        values?: null | string[]
        weight: number
      }[]
    | null
  slug: string
}

export interface Interest extends Timestamps {
  description?: null | string
  id: DocumentId
  label: string
  /** URL→interest rules: page paths whose visits show this interest (browser SDK). */
  pageUrls?: null | string[]
  parent?: null | Relation<Interest>
  slug: string
}

export interface LifecycleStage extends Timestamps {
  description?: null | string
  id: DocumentId
  key: string
  label: string
  order: number
  system?: boolean | null
}

/** Lexical rich text as stored. */
export type RichText = {
  [k: string]: unknown
  root: { [k: string]: unknown; children: { [k: string]: unknown; type: unknown; version: number }[] }
}

/** A country (ISO 3166-1, `AT`) or a subdivision (ISO 3166-2, `DE-BY`) blocks can be tagged with. */
export interface Region extends Timestamps {
  code: string
  id: DocumentId
  name: string
}

/** A download or form a block's call to action converts on; `key` is how events name it. */
export interface Conversion extends Timestamps {
  id: DocumentId
  key: string
  kind: 'download' | 'form'
  name: string
}

export interface ContentBlock extends Timestamps {
  _status?: 'draft' | 'published' | null
  body?: null | RichText
  channels: Channel[]
  conversionWindowDays?: null | number
  convertsOn?: null | Relation<Conversion>
  cta?: { label?: null | string; url?: null | string }
  discountProduct?: null | string
  goal?: Goal | null
  id: DocumentId
  image?: null | Relation<Media>
  interests?: null | Relation<Interest>[]
  isFallback?: boolean | null
  locale: string
  personas?: null | Relation<Persona>[]
  priority: number
  regions?: null | Relation<Region>[]
  stages?: null | Relation<LifecycleStage>[]
  title: string
  validFrom?: null | string
  validUntil?: null | string
}

/** A slot of a newsletter or landing page: which blocks may fill it and how they are chosen. */
export interface Slot {
  channel: Channel
  count: number
  fallback: Relation<ContentBlock>
  goals?: Goal[] | null
  id?: null | string
  interests?: null | Relation<Interest>[]
  key: string
  label: string
  match?: 'all' | 'interestsOrRegion' | null
  /** Added by the segments plugin when installed: members only; empty means everyone. */
  segments?: null | Relation<{ id: DocumentId }>[]
  strategy: 'freshness' | 'priority' | 'relevance'
}

export interface Newsletter extends Timestamps {
  customLayout?: null | string
  id: DocumentId
  layout: 'standard'
  name: string
  preheader?: null | string
  skipRecentSends: number
  recommendationSlots?: null | RecommendationSlotRow[]
  slots: Slot[]
  slug: string
  subject: string
  /** Subject and preheader per further content language (the main ones are the default language's). */
  translations?: { id?: null | string; locale: string; preheader?: null | string; subject: string }[] | null
}

export interface LandingPage extends Timestamps {
  hero: { headline: string; image?: null | Relation<Media>; subline?: null | string }
  id: DocumentId
  seo?: { description?: null | string; noIndex?: boolean | null; title?: null | string }
  recommendationSlots?: null | RecommendationSlotRow[]
  slots: Slot[]
  slug: string
  title: string
}

export interface Subscriber extends Timestamps {
  academicTitle?: null | string
  addressForm: 'formal' | 'informal'
  attributes?: unknown
  email: string
  /** A CRM's or shop's id for the person; unique when set. */
  externalId?: null | string
  firstName?: null | string
  gender?: 'diverse' | 'female' | 'male' | 'unspecified' | null
  id: DocumentId
  interests?:
    | {
        id?: null | string
        interest: Relation<Interest>
        lastSeenAt?: null | string
        source: 'explicit' | 'implicit'
        weight: number
      }[]
    | null
  lastName?: null | string
  linkKey?: null | string
  locale: string
  persona?: null | Relation<Persona>
  /** Read-only view (join) of the subscriber's `purchase` events; absent when joins are off or for editors. */
  purchases?: { docs?: unknown[]; hasNextPage?: boolean } | null
  region?: null | string
  /** Added by the lead-scoring plugin when installed; the engine reads the persona fits if present. */
  score?: { personaFits?: unknown }
  sendHistory?:
    | {
        blocks?: null | Relation<ContentBlock>[]
        id?: null | string
        newsletter?: null | Relation<Newsletter>
        sentAt?: null | string
      }[]
    | null
  stage?: null | Relation<LifecycleStage>
  stageHistory?:
    | {
        changedAt?: null | string
        id?: null | string
        reason?: null | string
        source?: 'import' | 'manual' | 'rule' | 'threshold' | null
        stage?: null | Relation<LifecycleStage>
      }[]
    | null
  timeZone?: null | string
}

/** A product of the catalog (`catalog-products`), by SKU as events name it (docs/plugins/personalization.md#products-and-recommendations). */
export interface Product extends Timestamps {
  availability: 'in_stock' | 'out_of_stock' | 'preorder'
  categories?: null | Relation<Interest>[]
  currency: string
  id: DocumentId
  image?: null | Relation<Media>
  imageUrl?: null | string
  locale?: null | string
  name: string
  price: number
  promoted?: boolean | null
  sku: string
  source?: 'feed' | 'manual' | 'shop' | null
  url?: null | string
}

/** A product recommendation grid of a newsletter or landing page (fields/recommendationSlots.ts). */
export type RecommendationSlotRow = {
  buttonLabel?: null | string
  categories?: null | Relation<Interest>[]
  count: number
  heading: string
  id?: null | string
  key: string
  strategy: 'alsoBought' | 'cart' | 'personal' | 'recentlyViewed' | 'trending'
}
