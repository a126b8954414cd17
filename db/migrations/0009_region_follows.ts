import { sql, type Kysely } from 'kysely';

const now = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;

/** Members and gemeente staff follow a region (`layer:code`) and get a weekly digest of what changed there. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('region_follows')
    .addColumn('user_id', 'text', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('region_ref', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull().defaultTo(now))
    // The end of the period the last digest covered; the next covers from here.
    .addColumn('digest_through', 'text', (col) => col.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('region_follows_pk', ['user_id', 'region_ref'])
    .execute();
  await db.schema.createIndex('region_follows_due').on('region_follows').column('digest_through').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('region_follows').execute();
}
