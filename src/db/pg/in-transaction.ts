import type pg from "pg";

/** Runs `work` in one transaction on one pooled connection: `begin` opens it (e.g. "BEGIN READ ONLY"), COMMIT on success, ROLLBACK on a throw. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>, begin = "BEGIN"): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(begin);
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
