import type { QueryPlan, TermPlan } from "../fts-query.js";

/*
 * Builds a Postgres tsquery expression from our parsed query plan (../fts-query.ts), never
 * from the user's text: every word form and phrase is a bound parameter passed through
 * phraseto_tsquery('papers_search', …), which only tokenises text and has no syntax of its own, so
 * no input can raise a tsquery syntax error. The operators (&&, ||, !!) and parentheses in
 * the output are only the ones written here.
 */

/** A SQL expression of type tsquery and the parameters it binds, numbered from `first`. */
export interface PgTsQuery {
  /** The expression, with $n placeholders. */
  sql: string;
  /** The values of those placeholders, in order. */
  params: string[];
}

/** Compiles a plan (or a flat list of alternatives) into a tsquery expression whose placeholders start at `$first`. */
export function compilePgTsQuery(plan: QueryPlan | { anyOf: TermPlan[] }, first = 1): PgTsQuery {
  const params: string[] = [];
  const bind = (value: string): string => {
    params.push(value);
    return `phraseto_tsquery('papers_search', $${first + params.length - 1})`;
  };
  const term = (t: TermPlan): string => (t.kind === "phrase" ? bind(t.text) : group(t.forms.map(bind), "||"));
  if ("anyOf" in plan) return { sql: group(plan.anyOf.map(term), "||"), params };
  const positive = group(plan.clauses.map((clause) => group(clause.map(term), "&&")), "||");
  const sql = plan.exclude.length === 0 ? positive : `(${positive} && !!${group(plan.exclude.map(term), "||")})`;
  return { sql, params };
}

function group(parts: string[], op: "&&" | "||"): string {
  return parts.length === 1 ? (parts[0] ?? "") : `(${parts.join(` ${op} `)})`;
}

/** A query with exclusions split for the store: the whole tsquery, its positive part and what it excludes, over one set of parameters. */
export interface PgTsQueryParts {
  /** The whole query (what compilePgTsQuery gives): what hits are ranked and excerpted by. */
  whole: string;
  /** The clauses without the exclusions. */
  positive: string;
  /** Any excluded term. */
  excluded: string;
  /** The parameters of all three, numbered from `first`. */
  params: string[];
}

/**
 * Splits a plan that has exclusions into its positive part and the excluded terms, so a store
 * can find the hits as "positive minus excluded" through the GIN index (an index cannot answer
 * `!!` by itself: Postgres rechecks every positive match against its vector) while ranking by
 * the same whole tsquery as compilePgTsQuery's. Null when the plan excludes nothing.
 */
export function compilePgTsQueryParts(plan: QueryPlan, first = 1): PgTsQueryParts | null {
  if (plan.exclude.length === 0) return null;
  const positive = compilePgTsQuery({ clauses: plan.clauses, exclude: [] }, first);
  const excluded = compilePgTsQuery({ anyOf: plan.exclude }, first + positive.params.length);
  return { whole: `(${positive.sql} && !!${excluded.sql})`, positive: positive.sql, excluded: excluded.sql, params: [...positive.params, ...excluded.params] };
}
