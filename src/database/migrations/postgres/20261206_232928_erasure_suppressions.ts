// @ts-nocheck -- generated; drizzle-orm is installed twice, so its SQL types disagree
import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "erasure_suppressions" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"email_hash" varchar NOT NULL,
  	"external_id_hash" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "erasure_suppressions_id" integer;
  CREATE UNIQUE INDEX "erasure_suppressions_email_hash_idx" ON "erasure_suppressions" USING btree ("email_hash");
  CREATE INDEX "erasure_suppressions_external_id_hash_idx" ON "erasure_suppressions" USING btree ("external_id_hash");
  CREATE INDEX "erasure_suppressions_updated_at_idx" ON "erasure_suppressions" USING btree ("updated_at");
  CREATE INDEX "erasure_suppressions_created_at_idx" ON "erasure_suppressions" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_erasure_suppressions_fk" FOREIGN KEY ("erasure_suppressions_id") REFERENCES "public"."erasure_suppressions"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_erasure_suppressions_id_idx" ON "payload_locked_documents_rels" USING btree ("erasure_suppressions_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "erasure_suppressions" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "erasure_suppressions" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_erasure_suppressions_fk";
  
  DROP INDEX "payload_locked_documents_rels_erasure_suppressions_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "erasure_suppressions_id";`)
}
