// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_campaigns_ab_test_winner_metric" AS ENUM('unique_click_rate', 'conversion_rate');
  CREATE TABLE "campaigns_ab_test_variants" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"share" numeric NOT NULL,
  	"subject" varchar,
  	"slot" varchar,
  	"block_id" integer
  );
  
  ALTER TABLE "campaigns" ADD COLUMN "ab_test_holdout_percent" numeric DEFAULT 0;
  ALTER TABLE "campaigns" ADD COLUMN "ab_test_winner_metric" "enum_campaigns_ab_test_winner_metric" DEFAULT 'unique_click_rate';
  ALTER TABLE "campaigns" ADD COLUMN "ab_test_decide_after_hours" numeric DEFAULT 4;
  ALTER TABLE "campaigns" ADD COLUMN "ab_winner" varchar;
  ALTER TABLE "campaigns_ab_test_variants" ADD CONSTRAINT "campaigns_ab_test_variants_block_id_content_blocks_id_fk" FOREIGN KEY ("block_id") REFERENCES "public"."content_blocks"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "campaigns_ab_test_variants" ADD CONSTRAINT "campaigns_ab_test_variants_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "campaigns_ab_test_variants_order_idx" ON "campaigns_ab_test_variants" USING btree ("_order");
  CREATE INDEX "campaigns_ab_test_variants_parent_id_idx" ON "campaigns_ab_test_variants" USING btree ("_parent_id");
  CREATE INDEX "campaigns_ab_test_variants_block_idx" ON "campaigns_ab_test_variants" USING btree ("block_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "campaigns_ab_test_variants" CASCADE;
  ALTER TABLE "campaigns" DROP COLUMN "ab_test_holdout_percent";
  ALTER TABLE "campaigns" DROP COLUMN "ab_test_winner_metric";
  ALTER TABLE "campaigns" DROP COLUMN "ab_test_decide_after_hours";
  ALTER TABLE "campaigns" DROP COLUMN "ab_winner";
  DROP TYPE "public"."enum_campaigns_ab_test_winner_metric";`)
}
