import type { GlobalConfig, Payload } from 'payload'

import { anyone, isAdmin } from '@kontorwerk/personalization'
import { label } from '@kontorwerk/personalization'
import { absoluteUrl, personalizationOptions } from '@kontorwerk/personalization'

const HEX = /^#[0-9a-fA-F]{6}$/

export type Brand = { accentColor: string; companyName: string; footer: string; logo: { alt: string; url: string } | null; primaryColor: string }

export const DEFAULT_BRAND: Brand = {
  accentColor: '#e09f3e',
  companyName: 'Kontorwerk',
  footer: 'Kontorwerk GmbH · Hafenstraße 1 · 20457 Hamburg',
  logo: null,
  primaryColor: '#0f4c81',
}

const color = (name: 'accentColor' | 'primaryColor', de: string, en: string) => ({
  name,
  type: 'text' as const,
  admin: { description: label('Hex-Farbe, z. B. #0f4c81; dunkel genug für weiße Schrift (Kontrast).', 'Hex colour, e.g. #0f4c81; dark enough for white text (contrast).') },
  defaultValue: DEFAULT_BRAND[name],
  label: label(de, en),
  required: true,
  validate: (value: null | string | undefined) => (value != null && HEX.test(value)) || 'Expected a colour like #0f4c81',
})

/** The brand of the public pages (sign-up, preference center): name, colours, logo, imprint line. */
export const Branding: GlobalConfig = {
  slug: 'branding',
  access: { read: anyone, update: isAdmin },
  admin: { group: label('Einwilligungen', 'Consent') },
  fields: [
    { name: 'companyName', type: 'text', defaultValue: DEFAULT_BRAND.companyName, label: label('Firmenname', 'Company name'), required: true },
    { type: 'row', fields: [color('primaryColor', 'Hauptfarbe', 'Primary colour'), color('accentColor', 'Akzentfarbe (Fokus)', 'Accent colour (focus)')] },
    { name: 'logo', type: 'upload', label: label('Logo', 'Logo'), relationTo: 'media' },
    { name: 'footer', type: 'text', defaultValue: DEFAULT_BRAND.footer, label: label('Fußzeile (Impressum)', 'Footer (imprint)'), required: true },
  ],
  label: label('Markenauftritt', 'Branding'),
}

export async function loadBrand(payload: Payload): Promise<Brand> {
  const brand = await payload.findGlobal({ depth: 1, slug: 'branding' as never }).catch(() => null)
  if (!brand) return DEFAULT_BRAND
  const data = brand as unknown as Partial<Omit<Brand, 'logo'>> & { logo?: { alt?: string; url?: string } | null }
  return {
    accentColor: data.accentColor ?? DEFAULT_BRAND.accentColor,
    companyName: data.companyName ?? DEFAULT_BRAND.companyName,
    footer: data.footer ?? DEFAULT_BRAND.footer,
    logo: data.logo?.url ? { alt: data.logo.alt ?? data.companyName ?? '', url: absoluteUrl(data.logo.url, personalizationOptions(payload).publicUrl) } : null,
    primaryColor: data.primaryColor ?? DEFAULT_BRAND.primaryColor,
  }
}
