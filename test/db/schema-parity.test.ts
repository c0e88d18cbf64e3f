import { is } from "drizzle-orm";
import { getTableConfig as pgConfig, PgTable } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteConfig, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import * as pgSchema from "../../src/db/pg/schema.js";
import * as sqliteSchema from "../../src/db/schema.js";

/**
 * Columns one dialect has for what the other gets implicitly, each with its reason; anything
 * else present in only one schema is a defect.
 */
const DIALECT_ONLY: Record<string, string> = {
  // Postgres' tsvector; SQLite keeps the same text in the papers_fts/papers_head_fts FTS5 tables (migrations, not the schema).
  "pg:papers.search": "full-text document",
  // The same for the title-and-keywords index SQLite keeps in papers_head_fts.
  "pg:papers.search_head": "title-and-keywords full-text document",
  // SQLite's implicit rowid orders deliveries in claim order; Postgres has no rowid.
  "pg:deliveries.seq": "insertion order",
};

/** Column types that mean the same stored value in both dialects. */
const SAME_TYPE: Record<string, string> = { text: "text", integer: "integer", boolean: "boolean" };

interface Shape {
  columns: Record<string, { type: string; notNull: boolean; hasDefault: boolean; defaultValue: unknown; primary: boolean; unique: boolean }>;
  primaryKeys: string[];
  indexes: string[];
}

/** A literal default as is; an SQL expression (each dialect spells "now" its own way) as "sql". */
function defaultOf(value: unknown): unknown {
  return value !== null && typeof value === "object" ? "sql" : value;
}

function sqliteType(sqlType: string, columnType: string): string {
  if (columnType === "SQLiteBoolean") return "boolean";
  return SAME_TYPE[sqlType] ?? sqlType;
}

function pgType(sqlType: string): string {
  return SAME_TYPE[sqlType] ?? sqlType;
}

function sqliteShapes(): Map<string, Shape> {
  const shapes = new Map<string, Shape>();
  for (const value of Object.values(sqliteSchema)) {
    if (!is(value, SQLiteTable)) continue;
    const c = sqliteConfig(value);
    shapes.set(c.name, {
      columns: Object.fromEntries(
        c.columns.map((col) => [col.name, { type: sqliteType(col.getSQLType(), col.columnType), notNull: col.notNull, hasDefault: col.hasDefault, defaultValue: defaultOf(col.default), primary: col.primary, unique: col.isUnique }]),
      ),
      primaryKeys: c.primaryKeys.map((pk) => pk.columns.map((col) => col.name).join(",")),
      indexes: c.indexes.map((ix) => `${ix.config.name}${ix.config.unique ? " unique" : ""} (${ix.config.columns.map((col) => ("name" in col ? col.name : "?")).join(",")})`).sort(),
    });
  }
  return shapes;
}

function pgShapes(): Map<string, Shape> {
  const shapes = new Map<string, Shape>();
  for (const value of Object.values(pgSchema)) {
    if (!is(value, PgTable)) continue;
    const c = pgConfig(value);
    const columns = c.columns.filter((col) => !DIALECT_ONLY[`pg:${c.name}.${col.name}`]);
    const dialectOnly = new Set(c.columns.filter((col) => DIALECT_ONLY[`pg:${c.name}.${col.name}`]).map((col) => col.name));
    shapes.set(c.name, {
      columns: Object.fromEntries(
        // An identity column is SQLite's AUTOINCREMENT: it has a value without one being given.
        columns.map((col) => [col.name, { type: pgType(col.getSQLType()), notNull: col.notNull, hasDefault: col.hasDefault || col.generatedIdentity !== undefined, defaultValue: defaultOf(col.default), primary: col.primary, unique: col.isUnique }]),
      ),
      primaryKeys: c.primaryKeys.map((pk) => pk.columns.map((col) => col.name).join(",")),
      indexes: c.indexes
        .filter((ix) => !ix.config.columns.some((col) => "name" in col && typeof col.name === "string" && dialectOnly.has(col.name)))
        .map((ix) => `${ix.config.name}${ix.config.unique ? " unique" : ""} (${ix.config.columns.map((col) => ("name" in col ? col.name : "?")).join(",")})`)
        .sort(),
    });
  }
  return shapes;
}

describe("the SQLite and Postgres schemas", () => {
  const sqlite = sqliteShapes();
  const pg = pgShapes();

  it("define the same tables", () => {
    expect([...pg.keys()].sort()).toEqual([...sqlite.keys()].sort());
    expect(sqlite.size).toBeGreaterThanOrEqual(11);
  });

  it.each([...sqliteShapes().keys()])("define %s with the same columns, types, nullability, defaults, keys and indexes", (table) => {
    expect(pg.get(table)).toEqual(sqlite.get(table));
  });

  it("have only the documented dialect-only columns", () => {
    for (const key of Object.keys(DIALECT_ONLY)) {
      const [, ref] = key.split(":");
      const [table, column] = (ref ?? "").split(".");
      const config = Object.values(pgSchema).filter((v) => is(v, PgTable)).map((t) => pgConfig(t as PgTable)).find((c) => c.name === table);
      expect(config?.columns.map((c) => c.name)).toContain(column);
      expect(sqlite.get(table ?? "")?.columns[column ?? ""]).toBeUndefined();
    }
  });
});
