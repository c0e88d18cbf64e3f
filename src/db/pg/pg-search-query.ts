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
