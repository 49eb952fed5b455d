import type { CollectionConfig, Validate } from 'payload'

import { anyone, isAdmin, isStaff } from '../access/roles'
import { localeOptions } from '../i18n/locales'
import { PRODUCT_PROBLEM_TEXTS } from '../products/problemTexts'
import {
  AVAILABILITIES,
  currencyProblem,
  priceProblem,
  type ProductProblem,
  skuProblem,
  urlProblem,
} from '../products/rules'
import { message, option, texts, translated } from '../translations'

/** Not `products`: that is @payloadcms/plugin-ecommerce's collection, which this one mirrors when the host has it. */
export const PRODUCTS_SLUG = 'catalog-products'

/** A field validator from a rule: the rule's code in the admin's words. */
const rule =
  (check: (value: unknown, data: Record<string, unknown>) => null | ProductProblem): Validate =>
  (value, { data, req }) => {
    const problem = check(value, (data ?? {}) as Record<string, unknown>)
    return problem ? message(req, PRODUCT_PROBLEM_TEXTS[problem]) : true
  }

const AVAILABILITY_TEXTS = {
  in_stock: 'kontorwerk-personalization:availabilityInStock',
  out_of_stock: 'kontorwerk-personalization:availabilityOutOfStock',
  preorder: 'kontorwerk-personalization:availabilityPreorder',
} as const

/**
 * What can be recommended: one article by SKU (what purchase and view events name as `product`),
 * filled by the feed import, the shop sync or by hand (docs/plugins/personalization.md#products-and-recommendations).
 */
export const Products: CollectionConfig = {
  slug: PRODUCTS_SLUG,
  access: { create: isStaff, delete: isAdmin, read: anyone, update: isStaff },
  admin: {
    defaultColumns: ['name', 'sku', 'price', 'currency', 'availability', 'promoted'],
    group: texts('kontorwerk-personalization:groupCommerce'),
    listSearchableFields: ['sku', 'name'],
    useAsTitle: 'name',
  },
  fields: [
    {
      type: 'row',
      fields: [
        {
          name: 'sku',
          type: 'text',
          admin: { description: translated('kontorwerk-personalization:skuDescription') },
          index: true,
          label: translated('kontorwerk-personalization:sku'),
          required: true,
          unique: true,
          validate: rule(skuProblem),
        },
        {
          name: 'name',
          type: 'text',
          label: translated('kontorwerk-personalization:name'),
          localized: true,
          required: true,
        },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'price',
          type: 'number',
          label: translated('kontorwerk-personalization:price'),
          min: 0,
          required: true,
          validate: rule((value, data) => priceProblem(value, data.currency)),
        },
        {
          name: 'currency',
          type: 'text',
          admin: { description: translated('kontorwerk-personalization:currencyDescription') },
          defaultValue: 'EUR',
          hooks: { beforeValidate: [({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() : value)] },
          label: translated('kontorwerk-personalization:currency'),
          maxLength: 3,
          required: true,
          validate: rule(currencyProblem),
        },
      ],
    },
    {
      name: 'categories',
      type: 'relationship',
      hasMany: true,
      index: true,
      label: translated('kontorwerk-personalization:productCategories'),
      relationTo: 'interests',
    },
    {
      type: 'row',
      fields: [
        {
          name: 'image',
          type: 'upload',
          label: translated('kontorwerk-personalization:productImage'),
          relationTo: 'media',
        },
        {
          // Feeds name images by address (as Braze and Mautic catalogs do); an uploaded image wins, with its sizes.
          name: 'imageUrl',
          type: 'text',
          label: translated('kontorwerk-personalization:productImageUrl'),
          validate: rule(urlProblem),
        },
      ],
    },
    {
      name: 'url',
      type: 'text',
      label: translated('kontorwerk-personalization:productUrl'),
      validate: rule(urlProblem),
    },
    {
      name: 'availability',
      type: 'select',
      admin: { position: 'sidebar' },
      defaultValue: 'in_stock',
      index: true,
      label: translated('kontorwerk-personalization:availability'),
      options: AVAILABILITIES.map((value) => option(value, AVAILABILITY_TEXTS[value])),
      required: true,
    },
    {
      name: 'promoted',
      type: 'checkbox',
      admin: { description: translated('kontorwerk-personalization:promotedDescription'), position: 'sidebar' },
      defaultValue: false,
      index: true,
      label: translated('kontorwerk-personalization:promoted'),
    },
    {
      name: 'locale',
      type: 'select',
      admin: { description: translated('kontorwerk-personalization:productLocaleDescription'), position: 'sidebar' },
      label: translated('kontorwerk-personalization:productLocale'),
      options: localeOptions,
    },
    {
      // Who last wrote the product: the feed import and the shop sync say so, the admin form leaves it manual.
      name: 'source',
      type: 'select',
      admin: { position: 'sidebar', readOnly: true },
      defaultValue: 'manual',
      label: translated('kontorwerk-personalization:productSource'),
      options: [
        option('manual', 'kontorwerk-personalization:productSourceManual'),
        option('feed', 'kontorwerk-personalization:productSourceFeed'),
        option('shop', 'kontorwerk-personalization:productSourceShop'),
      ],
    },
  ],
  labels: {
    plural: translated('kontorwerk-personalization:productsPlural'),
    singular: translated('kontorwerk-personalization:productsSingular'),
  },
}
