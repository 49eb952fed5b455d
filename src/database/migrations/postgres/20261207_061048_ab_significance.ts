// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_campaigns_ab_test_no_winner_sends" AS ENUM('control', 'leader');
  CREATE TYPE "public"."enum_campaigns_ab_decision_outcome" AS ENUM('winner', 'control', 'leader');
  CREATE TYPE "public"."enum_campaigns_ab_decision_reason" AS ENUM('significant', 'not_significant', 'sample_too_small');
  CREATE TYPE "public"."enum_campaigns_ab_decision_method" AS ENUM('two_proportion_z_bonferroni');
  ALTER TABLE "campaigns" ADD COLUMN "ab_test_max_test_hours" numeric DEFAULT 72;
  ALTER TABLE "campaigns" ADD COLUMN "ab_test_no_winner_sends" "enum_campaigns_ab_test_no_winner_sends" DEFAULT 'control';
  ALTER TABLE "campaigns" ADD COLUMN "ab_decision_outcome" "enum_campaigns_ab_decision_outcome";
  ALTER TABLE "campaigns" ADD COLUMN "ab_decision_significant" boolean;
  ALTER TABLE "campaigns" ADD COLUMN "ab_decision_leader" varchar;
  ALTER TABLE "campaigns" ADD COLUMN "ab_decision_p_value" numeric;
  ALTER TABLE "campaigns" ADD COLUMN "ab_decision_reason" "enum_campaigns_ab_decision_reason";
  ALTER TABLE "campaigns" ADD COLUMN "ab_decision_method" "enum_campaigns_ab_decision_method";
  ALTER TABLE "campaigns" ADD COLUMN "ab_decision_checks" numeric;
  ALTER TABLE "campaigns" ADD COLUMN "ab_decision_checked_at" timestamp(3) with time zone;
  ALTER TABLE "campaigns" ADD COLUMN "ab_decision_decided_at" timestamp(3) with time zone;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "campaigns" DROP COLUMN "ab_test_max_test_hours";
  ALTER TABLE "campaigns" DROP COLUMN "ab_test_no_winner_sends";
  ALTER TABLE "campaigns" DROP COLUMN "ab_decision_outcome";
  ALTER TABLE "campaigns" DROP COLUMN "ab_decision_significant";
  ALTER TABLE "campaigns" DROP COLUMN "ab_decision_leader";
  ALTER TABLE "campaigns" DROP COLUMN "ab_decision_p_value";
  ALTER TABLE "campaigns" DROP COLUMN "ab_decision_reason";
  ALTER TABLE "campaigns" DROP COLUMN "ab_decision_method";
  ALTER TABLE "campaigns" DROP COLUMN "ab_decision_checks";
  ALTER TABLE "campaigns" DROP COLUMN "ab_decision_checked_at";
  ALTER TABLE "campaigns" DROP COLUMN "ab_decision_decided_at";
  DROP TYPE "public"."enum_campaigns_ab_test_no_winner_sends";
  DROP TYPE "public"."enum_campaigns_ab_decision_outcome";
  DROP TYPE "public"."enum_campaigns_ab_decision_reason";
  DROP TYPE "public"."enum_campaigns_ab_decision_method";`)
}
