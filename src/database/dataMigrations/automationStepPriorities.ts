import { sql as postgresSql, type MigrateUpArgs as PostgresUpArgs } from '@payloadcms/db-postgres'
import { sql as sqliteSql, type MigrateUpArgs as SqliteUpArgs } from '@payloadcms/db-sqlite'

/**
 * Issue 15: campaigns got a `priority` (column default `normal`). The campaigns that automations'
 * send steps own are lifecycle mail and take their automation's priority, `high` by default for
 * every existing automation; until an automation is saved again nothing else sets it. Call it
 * from the migration that adds `campaigns.priority`, after the column exists. Repeatable.
 */
export async function automationStepPrioritiesSqlite(db: SqliteUpArgs['db']): Promise<void> {
  await db.run(sqliteSql`
    update campaigns set priority = coalesce(
      (select a.priority from automations a where a.id = campaigns.automation_id), 'high')
    where automation_id is not null`)
}

export async function automationStepPrioritiesPostgres(db: PostgresUpArgs['db']): Promise<void> {
  await db.execute(postgresSql`
    update campaigns c set priority = coalesce(a.priority::text, 'high')::enum_campaigns_priority
    from automations a where a.id = c.automation_id`)
}
