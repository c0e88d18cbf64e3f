/** What readline's `completer` returns: the candidates, and the part of the line they complete. */
export type Completion = [string[], string];

/**
 * Completes a command name for readline (Tab): after nothing, `/`, `papers ` or `/papers `,
 * the word being typed is matched against `names` by prefix, case-insensitively; a single
 * match comes with a trailing space. Once the name is typed and a space follows
 * (arguments), nothing is offered. Pure.
 */
export function completeCommand(names: string[], line: string): Completion {
  const match = /^\s*(?:\/?papers\s+|\/)?(\S*)$/i.exec(line);
  if (!match) return [[], line];
  const typed = match[1]!;
  const lower = typed.toLowerCase();
  const hits = [...new Set(names)].filter((name) => name.startsWith(lower)).sort();
  // One match completes with a trailing space, ready for the arguments (as shells do).
  return [hits.length === 1 ? [`${hits[0]} `] : hits, typed];
}
