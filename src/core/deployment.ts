/** Where this process runs among instances sharing one store, as /papers status shows it. */
export interface Deployment {
  /** This instance's id (config.instance.id, INSTANCE_ID): the owner recorded on the digests it delivers. */
  instanceId: string;
  /** The store in use, for people, with any password masked: `SQLite data/papers.db` or `Postgres postgres://bot:***@db:5432/papers`. */
  store: string;
}
