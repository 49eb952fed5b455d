import type { CollectionConfig, FieldHook } from 'payload'

import { isStaff, shownToAdmins } from '@kontorwerk/personalization'

import { deleteMembers, refuseDeletionWhileUsed } from '../hooks/segmentDeletion'
import { parseRuleTree } from '../rules/parse'
import { validateRules } from '../rules/validateRules'
import { option, texts, translated } from '../translations'
import { SEGMENT_MEMBERS } from './SegmentMembers'

export const SEGMENTS = 'segments'

const countMembers: FieldHook = async ({ req, siblingData }) =>
  siblingData?.kind === 'static' && siblingData.id != null
    ? (
        await req.payload.count({
          collection: SEGMENT_MEMBERS as 'segment-members',
          req,
          where: { segment: { equals: siblingData.id } },
        })
      ).totalDocs
    : null

const isStatic = (data: { kind?: string }) => data?.kind === 'static'

/**
 * Who gets what (docs/plugins/segments.md): a dynamic segment is a rule tree evaluated on demand; a static one is a
 * frozen list of members (frozen from a dynamic segment or imported from CSV).
 */
export const Segments: CollectionConfig = {
  slug: SEGMENTS,
  access: { create: isStaff, delete: isStaff, read: isStaff, update: isStaff },
  admin: {
    defaultColumns: ['name', 'kind', 'memberCount', 'updatedAt'],
    group: texts('kontorwerk-segments:groupAudience'),
    useAsTitle: 'name',
  },
  fields: [
    { name: 'name', type: 'text', label: translated('kontorwerk-segments:name'), maxLength: 120, required: true },
    { name: 'description', type: 'textarea', label: translated('kontorwerk-segments:description') },
    {
      name: 'kind',
      type: 'select',
      admin: { position: 'sidebar' },
      defaultValue: 'dynamic',
      label: translated('kontorwerk-segments:kind'),
      options: [
        option('dynamic', 'kontorwerk-segments:kindDynamic'),
        option('static', 'kontorwerk-segments:kindStatic'),
      ],
      required: true,
    },
    {
      name: 'rules',
      type: 'json',
      admin: {
        components: { Field: '@kontorwerk/segments/client#RuleBuilder' },
        condition: (data) => data?.kind !== 'static',
      },
      // Stored as checked: ids as strings, unknown keys dropped.
      hooks: {
        beforeChange: [
          ({ siblingData, value }) => (siblingData.kind === 'static' ? null : (parseRuleTree(value).tree ?? value)),
        ],
      },
      label: translated('kontorwerk-segments:rules'),
      validate: validateRules,
    },
    {
      name: 'memberImport',
      type: 'ui',
      admin: {
        components: { Field: '@kontorwerk/segments/client#MemberImport' },
        // Imports match emails (personal data): admins only, as the endpoint says.
        condition: (data, siblingData, context) => data?.kind === 'static' && shownToAdmins(data, siblingData, context),
      },
    },
    {
      name: 'freeze',
      type: 'ui',
      admin: {
        components: { Field: '@kontorwerk/segments/client#FreezeSegment' },
        condition: (data) => data?.kind !== 'static',
      },
    },
    {
      name: 'memberCount',
      type: 'number',
      access: { create: () => false, update: () => false },
      // Counted when read, never stored: concurrent imports and erasures cannot leave it wrong.
      hooks: { afterRead: [countMembers] },
      virtual: true,
      admin: {
        condition: isStatic,
        description: translated('kontorwerk-segments:memberCountDescription'),
        position: 'sidebar',
        readOnly: true,
      },
      label: translated('kontorwerk-segments:memberCount'),
    },
    {
      name: 'frozenFrom',
      type: 'relationship',
      access: { create: () => false, update: () => false },
      admin: { condition: isStatic, position: 'sidebar', readOnly: true },
      label: translated('kontorwerk-segments:frozenFrom'),
      relationTo: SEGMENTS,
    },
    {
      name: 'frozenAt',
      type: 'date',
      access: { create: () => false, update: () => false },
      admin: { condition: isStatic, date: { pickerAppearance: 'dayAndTime' }, position: 'sidebar', readOnly: true },
      label: translated('kontorwerk-segments:frozenAt'),
    },
  ],
  hooks: { beforeDelete: [refuseDeletionWhileUsed, deleteMembers] },
  labels: {
    plural: translated('kontorwerk-segments:segmentsPlural'),
    singular: translated('kontorwerk-segments:segmentsSingular'),
  },
}

export { SEGMENT_MEMBERS }
