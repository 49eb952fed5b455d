import { sql as postgresSql, type MigrateUpArgs as PostgresUpArgs } from '@payloadcms/db-postgres'
import { sql as sqliteSql, type MigrateUpArgs as SqliteUpArgs } from '@payloadcms/db-sqlite'

/**
 * Issue 15: the subscriber's `purchases` array became a view of `purchase` events. Each stored row
 * becomes one event: id `migrated-purchase:<subscriber>:<row id>` (the same on every run, so a
 * repeated migration adds nothing), occurredAt = purchasedAt, properties {product, amount?}, source
 * `migration`. Call it from the migration that drops `subscribers_purchases`, before the drop.
 * The rows go straight into the table, past the intake: scores stay as they were until the next
 * recompute (`npm run scores:recompute`, or a rule change), which counts the migrated purchases like any other.
 */
export async function purchasesToEventsSqlite(db: SqliteUpArgs['db']): Promise<void> {
  // `where true`: SQLite otherwise reads ON CONFLICT as part of the SELECT's join.
  await db.run(sqliteSql`
    insert into events (event_id, type, subscriber_id, occurred_at, properties, source)
    select 'migrated-purchase:' || p._parent_id || ':' || p.id, 'purchase', p._parent_id, p.purchased_at,
      case when p.amount is null then json_object('product', p.product)
        else json_object('product', p.product, 'amount', p.amount) end,
      'migration'
    from subscribers_purchases p
    where true
    order by p._parent_id, p._order
    on conflict (event_id) do nothing`)
}

export async function purchasesToEventsPostgres(db: PostgresUpArgs['db']): Promise<void> {
  await db.execute(postgresSql`
    insert into events (event_id, type, subscriber_id, occurred_at, properties, source)
    select 'migrated-purchase:' || p._parent_id || ':' || p.id, 'purchase', p._parent_id, p.purchased_at,
      jsonb_strip_nulls(jsonb_build_object('product', p.product, 'amount', p.amount)),
      'migration'
    from subscribers_purchases p
    order by p._parent_id, p._order
    on conflict (event_id) do nothing`)
}
