// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_newsletters_recommendation_slots_strategy" ADD VALUE 'cart';
  ALTER TYPE "public"."enum_landing_pages_recommendation_slots_strategy" ADD VALUE 'cart';
  ALTER TYPE "public"."enum_events_type" ADD VALUE 'cart_updated' BEFORE 'custom';
  ALTER TYPE "public"."enum_events_type" ADD VALUE 'checkout_started' BEFORE 'custom';
  ALTER TYPE "public"."enum_scoring_rules_event_type" ADD VALUE 'cart_updated' BEFORE 'custom';
  ALTER TYPE "public"."enum_scoring_rules_event_type" ADD VALUE 'checkout_started' BEFORE 'custom';
  ALTER TYPE "public"."enum_automations_trigger" ADD VALUE 'cart_abandoned';
  ALTER TYPE "public"."enum_automations_trigger" ADD VALUE 'browse_abandoned';
  ALTER TABLE "automations" ADD COLUMN "abandon_hours" numeric DEFAULT 4;
  ALTER TABLE "automations" ADD COLUMN "browse_views" numeric DEFAULT 2;
  ALTER TABLE "automations" ADD COLUMN "browse_window_hours" numeric DEFAULT 24;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "newsletters_recommendation_slots" ALTER COLUMN "strategy" SET DATA TYPE text;
  ALTER TABLE "newsletters_recommendation_slots" ALTER COLUMN "strategy" SET DEFAULT 'personal'::text;
  DROP TYPE "public"."enum_newsletters_recommendation_slots_strategy";
  CREATE TYPE "public"."enum_newsletters_recommendation_slots_strategy" AS ENUM('personal', 'alsoBought', 'trending', 'recentlyViewed');
  ALTER TABLE "newsletters_recommendation_slots" ALTER COLUMN "strategy" SET DEFAULT 'personal'::"public"."enum_newsletters_recommendation_slots_strategy";
  ALTER TABLE "newsletters_recommendation_slots" ALTER COLUMN "strategy" SET DATA TYPE "public"."enum_newsletters_recommendation_slots_strategy" USING "strategy"::"public"."enum_newsletters_recommendation_slots_strategy";
  ALTER TABLE "landing_pages_recommendation_slots" ALTER COLUMN "strategy" SET DATA TYPE text;
  ALTER TABLE "landing_pages_recommendation_slots" ALTER COLUMN "strategy" SET DEFAULT 'personal'::text;
  DROP TYPE "public"."enum_landing_pages_recommendation_slots_strategy";
  CREATE TYPE "public"."enum_landing_pages_recommendation_slots_strategy" AS ENUM('personal', 'alsoBought', 'trending', 'recentlyViewed');
  ALTER TABLE "landing_pages_recommendation_slots" ALTER COLUMN "strategy" SET DEFAULT 'personal'::"public"."enum_landing_pages_recommendation_slots_strategy";
  ALTER TABLE "landing_pages_recommendation_slots" ALTER COLUMN "strategy" SET DATA TYPE "public"."enum_landing_pages_recommendation_slots_strategy" USING "strategy"::"public"."enum_landing_pages_recommendation_slots_strategy";
  ALTER TABLE "events" ALTER COLUMN "type" SET DATA TYPE text;
  DROP TYPE "public"."enum_events_type";
  CREATE TYPE "public"."enum_events_type" AS ENUM('bounce', 'custom', 'download', 'email_clicked', 'email_delivered', 'email_opened', 'email_sent', 'form_submitted', 'link_clicked', 'page_viewed', 'purchase', 'stage_changed', 'unsubscribe');
  ALTER TABLE "events" ALTER COLUMN "type" SET DATA TYPE "public"."enum_events_type" USING "type"::"public"."enum_events_type";
  ALTER TABLE "scoring_rules" ALTER COLUMN "event_type" SET DATA TYPE text;
  DROP TYPE "public"."enum_scoring_rules_event_type";
  CREATE TYPE "public"."enum_scoring_rules_event_type" AS ENUM('bounce', 'custom', 'download', 'email_clicked', 'email_delivered', 'email_opened', 'email_sent', 'form_submitted', 'link_clicked', 'page_viewed', 'purchase', 'unsubscribe');
  ALTER TABLE "scoring_rules" ALTER COLUMN "event_type" SET DATA TYPE "public"."enum_scoring_rules_event_type" USING "event_type"::"public"."enum_scoring_rules_event_type";
  ALTER TABLE "automations" ALTER COLUMN "trigger" SET DATA TYPE text;
  DROP TYPE "public"."enum_automations_trigger";
  CREATE TYPE "public"."enum_automations_trigger" AS ENUM('double_opt_in', 'stage_changed', 'first_purchase', 'segment_entry', 'birthday', 'date_relative', 'loyalty_tier');
  ALTER TABLE "automations" ALTER COLUMN "trigger" SET DATA TYPE "public"."enum_automations_trigger" USING "trigger"::"public"."enum_automations_trigger";
  ALTER TABLE "automations" DROP COLUMN "abandon_hours";
  ALTER TABLE "automations" DROP COLUMN "browse_views";
  ALTER TABLE "automations" DROP COLUMN "browse_window_hours";`)
}
