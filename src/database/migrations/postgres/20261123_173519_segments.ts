// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_segments_kind" AS ENUM('dynamic', 'static');
  CREATE TABLE "segments" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"description" varchar,
  	"kind" "enum_segments_kind" DEFAULT 'dynamic' NOT NULL,
  	"rules" jsonb,
  	"frozen_from_id" integer,
  	"frozen_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "segment_members" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"segment_id" integer NOT NULL,
  	"subscriber_id" integer NOT NULL,
  	"member_key" varchar NOT NULL,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "newsletters_rels" ADD COLUMN "segments_id" integer;
  ALTER TABLE "landing_pages_rels" ADD COLUMN "segments_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "segments_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "segment_members_id" integer;
  ALTER TABLE "segments" ADD CONSTRAINT "segments_frozen_from_id_segments_id_fk" FOREIGN KEY ("frozen_from_id") REFERENCES "public"."segments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "segment_members" ADD CONSTRAINT "segment_members_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "segment_members" ADD CONSTRAINT "segment_members_subscriber_id_subscribers_id_fk" FOREIGN KEY ("subscriber_id") REFERENCES "public"."subscribers"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "segments_frozen_from_idx" ON "segments" USING btree ("frozen_from_id");
  CREATE INDEX "segments_updated_at_idx" ON "segments" USING btree ("updated_at");
  CREATE INDEX "segments_created_at_idx" ON "segments" USING btree ("created_at");
  CREATE INDEX "segment_members_segment_idx" ON "segment_members" USING btree ("segment_id");
  CREATE INDEX "segment_members_subscriber_idx" ON "segment_members" USING btree ("subscriber_id");
  CREATE UNIQUE INDEX "segment_members_member_key_idx" ON "segment_members" USING btree ("member_key");
  CREATE INDEX "segment_members_updated_at_idx" ON "segment_members" USING btree ("updated_at");
  CREATE INDEX "segment_members_created_at_idx" ON "segment_members" USING btree ("created_at");
  CREATE INDEX "segment_subscriber_idx" ON "segment_members" USING btree ("segment_id","subscriber_id");
  ALTER TABLE "newsletters_rels" ADD CONSTRAINT "newsletters_rels_segments_fk" FOREIGN KEY ("segments_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "landing_pages_rels" ADD CONSTRAINT "landing_pages_rels_segments_fk" FOREIGN KEY ("segments_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_segments_fk" FOREIGN KEY ("segments_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_segment_members_fk" FOREIGN KEY ("segment_members_id") REFERENCES "public"."segment_members"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "newsletters_rels_segments_id_idx" ON "newsletters_rels" USING btree ("segments_id");
  CREATE INDEX "landing_pages_rels_segments_id_idx" ON "landing_pages_rels" USING btree ("segments_id");
  CREATE INDEX "type_occurredAt_subscriber_block_idx" ON "events" USING btree ("type","occurred_at","subscriber_id","block");
  CREATE INDEX "payload_locked_documents_rels_segments_id_idx" ON "payload_locked_documents_rels" USING btree ("segments_id");
  CREATE INDEX "payload_locked_documents_rels_segment_members_id_idx" ON "payload_locked_documents_rels" USING btree ("segment_members_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "segments" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "segment_members" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "segments" CASCADE;
  DROP TABLE "segment_members" CASCADE;
  ALTER TABLE "newsletters_rels" DROP CONSTRAINT "newsletters_rels_segments_fk";
  
  ALTER TABLE "landing_pages_rels" DROP CONSTRAINT "landing_pages_rels_segments_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_segments_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_segment_members_fk";
  
  DROP INDEX "newsletters_rels_segments_id_idx";
  DROP INDEX "landing_pages_rels_segments_id_idx";
  DROP INDEX "type_occurredAt_subscriber_block_idx";
  DROP INDEX "payload_locked_documents_rels_segments_id_idx";
  DROP INDEX "payload_locked_documents_rels_segment_members_id_idx";
  ALTER TABLE "newsletters_rels" DROP COLUMN "segments_id";
  ALTER TABLE "landing_pages_rels" DROP COLUMN "segments_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "segments_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "segment_members_id";
  DROP TYPE "public"."enum_segments_kind";`)
}
