import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ArrayRowLabel as ArrayRowLabel_955a7d3a27cb3a3225ecb95a33dc119a } from '@kontorwerk/personalization/client'
import { SelfHostedCodeField as SelfHostedCodeField_7e0d6f76d06942ec35a4a390ac0630a5 } from '../../../../src/admin/SelfHostedCodeFields'
import { PersonalizationPreview as PersonalizationPreview_955a7d3a27cb3a3225ecb95a33dc119a } from '@kontorwerk/personalization/client'
import { SelfHostedJSONField as SelfHostedJSONField_7e0d6f76d06942ec35a4a390ac0630a5 } from '../../../../src/admin/SelfHostedCodeFields'
import { ConsentHistory as ConsentHistory_5575038294f73c5d90eb74f976d2e954 } from '@kontorwerk/consent/client'
import { LeadScore as LeadScore_5d64e644eb6156cb70e7361a10f8d9e8 } from '@kontorwerk/lead-scoring/client'
import { ReplayDeliveryButton as ReplayDeliveryButton_955a7d3a27cb3a3225ecb95a33dc119a } from '@kontorwerk/personalization/client'
import { ImportReport as ImportReport_5575038294f73c5d90eb74f976d2e954 } from '@kontorwerk/consent/client'
import { RuleBuilder as RuleBuilder_48bf7ee6dd213ef7a37c178d7e59e76b } from '@kontorwerk/segments/client'
import { MemberImport as MemberImport_48bf7ee6dd213ef7a37c178d7e59e76b } from '@kontorwerk/segments/client'
import { FreezeSegment as FreezeSegment_48bf7ee6dd213ef7a37c178d7e59e76b } from '@kontorwerk/segments/client'
import { ShownInControls as ShownInControls_a083bc9320e7bd81eb6e24beca309305 } from '@kontorwerk/campaigns/client'
import { CampaignControls as CampaignControls_a083bc9320e7bd81eb6e24beca309305 } from '@kontorwerk/campaigns/client'
import { CampaignReportLink as CampaignReportLink_1766fe3451037c012fc1280fe0ef1e5e } from '@kontorwerk/campaigns/rsc'
import { LifecycleLink as LifecycleLink_1766fe3451037c012fc1280fe0ef1e5e } from '@kontorwerk/campaigns/rsc'
import { CampaignDashboard as CampaignDashboard_1766fe3451037c012fc1280fe0ef1e5e } from '@kontorwerk/campaigns/rsc'
import { LifecycleDashboard as LifecycleDashboard_1766fe3451037c012fc1280fe0ef1e5e } from '@kontorwerk/campaigns/rsc'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@kontorwerk/personalization/client#ArrayRowLabel": ArrayRowLabel_955a7d3a27cb3a3225ecb95a33dc119a,
  "/src/admin/SelfHostedCodeFields#SelfHostedCodeField": SelfHostedCodeField_7e0d6f76d06942ec35a4a390ac0630a5,
  "@kontorwerk/personalization/client#PersonalizationPreview": PersonalizationPreview_955a7d3a27cb3a3225ecb95a33dc119a,
  "/src/admin/SelfHostedCodeFields#SelfHostedJSONField": SelfHostedJSONField_7e0d6f76d06942ec35a4a390ac0630a5,
  "@kontorwerk/consent/client#ConsentHistory": ConsentHistory_5575038294f73c5d90eb74f976d2e954,
  "@kontorwerk/lead-scoring/client#LeadScore": LeadScore_5d64e644eb6156cb70e7361a10f8d9e8,
  "@kontorwerk/personalization/client#ReplayDeliveryButton": ReplayDeliveryButton_955a7d3a27cb3a3225ecb95a33dc119a,
  "@kontorwerk/consent/client#ImportReport": ImportReport_5575038294f73c5d90eb74f976d2e954,
  "@kontorwerk/segments/client#RuleBuilder": RuleBuilder_48bf7ee6dd213ef7a37c178d7e59e76b,
  "@kontorwerk/segments/client#MemberImport": MemberImport_48bf7ee6dd213ef7a37c178d7e59e76b,
  "@kontorwerk/segments/client#FreezeSegment": FreezeSegment_48bf7ee6dd213ef7a37c178d7e59e76b,
  "@kontorwerk/campaigns/client#ShownInControls": ShownInControls_a083bc9320e7bd81eb6e24beca309305,
  "@kontorwerk/campaigns/client#CampaignControls": CampaignControls_a083bc9320e7bd81eb6e24beca309305,
  "@kontorwerk/campaigns/rsc#CampaignReportLink": CampaignReportLink_1766fe3451037c012fc1280fe0ef1e5e,
  "@kontorwerk/campaigns/rsc#LifecycleLink": LifecycleLink_1766fe3451037c012fc1280fe0ef1e5e,
  "@kontorwerk/campaigns/rsc#CampaignDashboard": CampaignDashboard_1766fe3451037c012fc1280fe0ef1e5e,
  "@kontorwerk/campaigns/rsc#LifecycleDashboard": LifecycleDashboard_1766fe3451037c012fc1280fe0ef1e5e,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
