import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

import { rebuildTables } from '../../sqliteTableRebuild'

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await rebuildTables(db, async () => {
    await db.run(sql`CREATE TABLE \`__new_campaign_sends\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`campaign_id\` integer NOT NULL,
    	\`subscriber_id\` integer,
    	\`send_key\` text NOT NULL,
    	\`state\` text DEFAULT 'pending' NOT NULL,
    	\`reason\` text,
    	\`variant\` text,
    	\`claim\` text,
    	\`lease_until\` text,
    	\`attempts\` numeric DEFAULT 0,
    	\`next_attempt_at\` text,
    	\`sent_at\` text,
    	\`accepted_at\` text,
    	\`message_id\` text,
    	\`blocks\` text,
    	\`event_recorded\` integer DEFAULT false,
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	FOREIGN KEY (\`campaign_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE set null,
    	FOREIGN KEY (\`subscriber_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE set null
    );
    `)
    await db.run(sql`INSERT INTO \`__new_campaign_sends\`("id", "campaign_id", "subscriber_id", "send_key", "state", "reason", "variant", "claim", "lease_until", "attempts", "next_attempt_at", "sent_at", "accepted_at", "message_id", "blocks", "event_recorded", "updated_at", "created_at") SELECT "id", "campaign_id", "subscriber_id", "send_key", "state", "reason", "variant", "claim", "lease_until", "attempts", "next_attempt_at", "sent_at", "accepted_at", "message_id", "blocks", "event_recorded", "updated_at", "created_at" FROM \`campaign_sends\`;`)
    await db.run(sql`DROP TABLE \`campaign_sends\`;`)
    await db.run(sql`ALTER TABLE \`__new_campaign_sends\` RENAME TO \`campaign_sends\`;`)
    await db.run(sql`CREATE INDEX \`campaign_sends_campaign_idx\` ON \`campaign_sends\` (\`campaign_id\`);`)
    await db.run(sql`CREATE INDEX \`campaign_sends_subscriber_idx\` ON \`campaign_sends\` (\`subscriber_id\`);`)
    await db.run(sql`CREATE UNIQUE INDEX \`campaign_sends_send_key_idx\` ON \`campaign_sends\` (\`send_key\`);`)
    await db.run(sql`CREATE INDEX \`campaign_sends_message_id_idx\` ON \`campaign_sends\` (\`message_id\`);`)
    await db.run(sql`CREATE INDEX \`campaign_sends_updated_at_idx\` ON \`campaign_sends\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`campaign_sends_created_at_idx\` ON \`campaign_sends\` (\`created_at\`);`)
    await db.run(sql`CREATE INDEX \`campaign_state_idx\` ON \`campaign_sends\` (\`campaign_id\`,\`state\`);`)
    await db.run(sql`ALTER TABLE \`subscribers\` ADD \`link_key\` text;`)
    // Existing subscribers get a random legacy key: their links signed before (without a key) stay valid (src/security/linkKey.ts).
    await db.run(sql`UPDATE \`subscribers\` SET \`link_key\` = 'legacy:' || lower(hex(randomblob(18)));`)
  })
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await rebuildTables(db, async () => {
    await db.run(sql`CREATE TABLE \`__new_campaign_sends\` (
    	\`id\` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
    	\`campaign_id\` integer NOT NULL,
    	\`subscriber_id\` integer NOT NULL,
    	\`send_key\` text NOT NULL,
    	\`state\` text DEFAULT 'pending' NOT NULL,
    	\`reason\` text,
    	\`variant\` text,
    	\`claim\` text,
    	\`lease_until\` text,
    	\`attempts\` numeric DEFAULT 0,
    	\`next_attempt_at\` text,
    	\`sent_at\` text,
    	\`accepted_at\` text,
    	\`message_id\` text,
    	\`blocks\` text,
    	\`event_recorded\` integer DEFAULT false,
    	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
    	FOREIGN KEY (\`campaign_id\`) REFERENCES \`campaigns\`(\`id\`) ON UPDATE no action ON DELETE set null,
    	FOREIGN KEY (\`subscriber_id\`) REFERENCES \`subscribers\`(\`id\`) ON UPDATE no action ON DELETE set null
    );
    `)
    await db.run(sql`INSERT INTO \`__new_campaign_sends\`("id", "campaign_id", "subscriber_id", "send_key", "state", "reason", "variant", "claim", "lease_until", "attempts", "next_attempt_at", "sent_at", "accepted_at", "message_id", "blocks", "event_recorded", "updated_at", "created_at") SELECT "id", "campaign_id", "subscriber_id", "send_key", "state", "reason", "variant", "claim", "lease_until", "attempts", "next_attempt_at", "sent_at", "accepted_at", "message_id", "blocks", "event_recorded", "updated_at", "created_at" FROM \`campaign_sends\`;`)
    await db.run(sql`DROP TABLE \`campaign_sends\`;`)
    await db.run(sql`ALTER TABLE \`__new_campaign_sends\` RENAME TO \`campaign_sends\`;`)
    await db.run(sql`CREATE INDEX \`campaign_sends_campaign_idx\` ON \`campaign_sends\` (\`campaign_id\`);`)
    await db.run(sql`CREATE INDEX \`campaign_sends_subscriber_idx\` ON \`campaign_sends\` (\`subscriber_id\`);`)
    await db.run(sql`CREATE UNIQUE INDEX \`campaign_sends_send_key_idx\` ON \`campaign_sends\` (\`send_key\`);`)
    await db.run(sql`CREATE INDEX \`campaign_sends_message_id_idx\` ON \`campaign_sends\` (\`message_id\`);`)
    await db.run(sql`CREATE INDEX \`campaign_sends_updated_at_idx\` ON \`campaign_sends\` (\`updated_at\`);`)
    await db.run(sql`CREATE INDEX \`campaign_sends_created_at_idx\` ON \`campaign_sends\` (\`created_at\`);`)
    await db.run(sql`CREATE INDEX \`campaign_state_idx\` ON \`campaign_sends\` (\`campaign_id\`,\`state\`);`)
    await db.run(sql`ALTER TABLE \`subscribers\` DROP COLUMN \`link_key\`;`)
  })
}
