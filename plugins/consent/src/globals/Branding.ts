import type { CollectionSlug, GlobalConfig, Payload, PayloadRequest } from 'payload'

import type { TranslatedLabel } from '@kontorwerk/personalization'

import { absoluteUrl, anyone, isAdmin, personalizationOptions } from '@kontorwerk/personalization'

import { message, texts, translated } from '../translations'

const HEX = /^#[0-9a-fA-F]{6}$/

/** How the brand addresses its readers where it speaks for itself (the double-opt-in mail): "Sie" or "du". */
export type BrandAddressForm = 'formal' | 'informal'

export type Brand = {
  accentColor: string
  addressForm: BrandAddressForm
  companyName: string
  footer: string
  /** Absolute URL of the imprint (Impressum), linked on every public page; null until an admin sets it. */
  imprintUrl: null | string
  logo: { alt: string; url: string } | null
  primaryColor: string
  /** Absolute URL of the privacy policy (Datenschutzerklärung), linked on every public page and next to every consent text. */
  privacyUrl: null | string
}

export const DEFAULT_BRAND: Brand = {
  accentColor: '#e09f3e',
  addressForm: 'formal',
  companyName: 'Kontorwerk',
  footer: 'Kontorwerk GmbH · Hafenstraße 1 · 20457 Hamburg',
  imprintUrl: null,
  logo: null,
  primaryColor: '#0f4c81',
  privacyUrl: null,
}

/** A legal page lives on the company's website, reachable from anywhere: an absolute http(s) URL. */
const legalUrl = (name: 'imprintUrl' | 'privacyUrl', label: TranslatedLabel) => ({
  name,
  type: 'text' as const,
  admin: { description: translated('kontorwerk-consent:legalUrlDescription') },
  label,
  validate: (value: null | string | undefined, { req }: { req: PayloadRequest }) =>
    !value || isWebAddress(value) || message(req, 'kontorwerk-consent:legalUrlExpected'),
})

function isWebAddress(value: string): boolean {
  try {
    const url = new URL(value)
    return (url.protocol === 'https:' || url.protocol === 'http:') && value.length <= 500
  } catch {
    return false
  }
}

const color = (name: 'accentColor' | 'primaryColor', label: TranslatedLabel) => ({
  name,
  type: 'text' as const,
  admin: { description: translated('kontorwerk-consent:colorDescription') },
  defaultValue: DEFAULT_BRAND[name],
  label,
  required: true,
  validate: (value: null | string | undefined, { req }: { req: PayloadRequest }) =>
    (value != null && HEX.test(value)) || message(req, 'kontorwerk-consent:colorExpected'),
})

/** The brand of the public pages (sign-up, preference center): name, colours, logo (from the host's upload collection), imprint line. */
export const branding = (mediaSlug: string): GlobalConfig => ({
  slug: 'branding',
  access: { read: anyone, update: isAdmin },
  admin: { group: texts('kontorwerk-consent:groupConsent') },
  fields: [
    {
      name: 'companyName',
      type: 'text',
      defaultValue: DEFAULT_BRAND.companyName,
      label: translated('kontorwerk-consent:companyName'),
      required: true,
    },
    {
      type: 'row',
      fields: [
        color('primaryColor', translated('kontorwerk-consent:primaryColor')),
        color('accentColor', translated('kontorwerk-consent:accentColor')),
      ],
    },
    {
      name: 'logo',
      type: 'upload',
      label: translated('kontorwerk-consent:logo'),
      relationTo: mediaSlug as CollectionSlug,
    },
    {
      name: 'footer',
      type: 'text',
      defaultValue: DEFAULT_BRAND.footer,
      label: translated('kontorwerk-consent:footer'),
      required: true,
    },
    {
      type: 'row',
      fields: [
        legalUrl('privacyUrl', translated('kontorwerk-consent:privacyUrl')),
        legalUrl('imprintUrl', translated('kontorwerk-consent:imprintUrl')),
      ],
    },
    {
      name: 'addressForm',
      type: 'radio',
      admin: { description: translated('kontorwerk-consent:brandAddressFormDescription') },
      defaultValue: DEFAULT_BRAND.addressForm,
      label: translated('kontorwerk-consent:brandAddressForm'),
      options: [
        { label: translated('kontorwerk-consent:brandFormal'), value: 'formal' },
        { label: translated('kontorwerk-consent:brandInformal'), value: 'informal' },
      ],
      required: true,
    },
  ],
  label: translated('kontorwerk-consent:branding'),
})

export async function loadBrand(payload: Payload): Promise<Brand> {
  const brand = await payload.findGlobal({ depth: 1, slug: 'branding' as never }).catch(() => null)
  if (!brand) return DEFAULT_BRAND
  const data = brand as unknown as Partial<Omit<Brand, 'logo'>> & { logo?: { alt?: string; url?: string } | null }
  return {
    accentColor: data.accentColor ?? DEFAULT_BRAND.accentColor,
    addressForm: data.addressForm === 'informal' ? 'informal' : 'formal',
    companyName: data.companyName ?? DEFAULT_BRAND.companyName,
    footer: data.footer ?? DEFAULT_BRAND.footer,
    imprintUrl: data.imprintUrl || null,
    logo: data.logo?.url
      ? {
          alt: data.logo.alt ?? data.companyName ?? '',
          url: absoluteUrl(data.logo.url, personalizationOptions(payload).publicUrl),
        }
      : null,
    primaryColor: data.primaryColor ?? DEFAULT_BRAND.primaryColor,
    privacyUrl: data.privacyUrl || null,
  }
}
