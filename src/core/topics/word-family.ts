/**
 * Word families for topic matching and the SQLite search compiler.
 *
 * Policy (precision first): a family holds the word's inflections (plural/singular, verb
 * endings of -ize/-ify verbs), its British/US spellings, its irregular plural, and the
 * members of its -ize/-ise or -ify lexeme (tokenize, tokenizer, tokenization, tokenising...).
 * It never strips a derivational suffix down to a bare root: tokenization → token,
 * quantization → quant, computation → compute are all excluded, because the root means
 * something else in research text ("visual token pruning" is not about tokenization).
 * For the same reason -ation/-ing/-ed words are not linked to the verb's participles
 * (generation ↛ generated, learning ↛ learned): those are everyday words in abstracts.
 */

/** Irregular plural groups and spellings that rules cannot derive. */
const IRREGULAR_GROUPS: readonly (readonly string[])[] = [
  ["index", "indices", "indexes"], ["matrix", "matrices"], ["vertex", "vertices"],
  ["analysis", "analyses"], ["hypothesis", "hypotheses"], ["synthesis", "syntheses"],
  ["criterion", "criteria"], ["phenomenon", "phenomena"], ["child", "children"],
  ["corpus", "corpora"], ["axis", "axes"], ["mouse", "mice"], ["formula", "formulas", "formulae"],
  ["schema", "schemas", "schemata"], ["appendix", "appendices"], ["radius", "radii"],
  ["behaviour", "behavior", "behaviours", "behaviors", "behavioural", "behavioral"],
  ["colour", "color", "colours", "colors"], ["neighbour", "neighbor", "neighbours", "neighbors"],
  ["centre", "center", "centres", "centers"], ["fibre", "fiber", "fibres", "fibers"],
  ["defence", "defense", "defences", "defenses"], ["catalogue", "catalog", "catalogues", "catalogs"],
];

/** Lookup from each irregular form to its whole group. */
const IRREGULAR: ReadonlyMap<string, readonly string[]> = new Map(
  IRREGULAR_GROUPS.flatMap((group) => group.map((w) => [w, group] as const)),
);

/** Endings of the -ize/-ise lexeme (verb, agent noun, nominalisation, adjective). */
const IZE_ENDINGS = ["e", "es", "ed", "ing", "er", "ers", "ation", "ations", "able"] as const;
/** Endings of the -ify lexeme (classify, classifier, classification). */
const IFY_ENDINGS = ["ify", "ifies", "ified", "ifying", "ifier", "ifiers", "ification", "ifications"] as const;

const IZE_RE = /^(\p{L}{3,}?)i[sz](?:e|es|ed|ing|er|ers|ation|ations|able)$/u;
const IFY_RE = /^(\p{L}{3,}?)(?:ify|ifies|ified|ifying|ifier|ifiers|ification|ifications)$/u;
const YSE_RE = /^(\p{L}{3,})y[sz](e|es|ed|ing|er|ers)$/u;
const DOUBLE_L_RE = /^(\p{L}{2,}e)ll(ing|ed|er|ers)$/u;
const SINGLE_L_RE = /^(\p{L}{2,}e)l(ing|ed|er|ers)$/u;
const ATION_RE = /^(\p{L}{3,})ation(s?)$/u;
/** Words where -ise/-ize is part of the root, not the -ize suffix (pairwise, promise, noise). */
const NOT_IZE_RE = /(?:wise|wiser|wises|(?:^|[^a-z])(?:prom|prem|expert|exerc|prec|conc|enterpr|surpr|franch|comprom|superv|rev|dev|adv|compr|desp|exc|inc|nois|rais|prais|cru|bru|pois|otherw|merchand|parad|treat|dem|disgu|mis|)is(?:e|es|ed|ing|er|ers|able))$/u;

/**
 * The surface forms of a word's family, lower-case, including the word itself:
 * `tokenization` → tokenization, tokenizations, tokenize, tokenizer, tokenizers, tokenized,
 * tokenising, ... but never `token`. Deterministic, finite, no wildcards; a few of the
 * generated forms may not be English words, which is harmless for matching.
 */
export function wordFamily(word: string): string[] {
  const w = word.normalize("NFKC").toLowerCase().trim();
  const forms = new Set<string>([w]);
  if (w === "") return [];
  if (/\p{N}/u.test(w) || w.length <= 3) {
    if (w.length <= 3 && /^\p{L}+$/u.test(w)) forms.add(`${w}s`);
    return [...forms];
  }
  const irregular = IRREGULAR.get(w);
  if (irregular) return [...new Set([w, ...irregular])];
  const ize = NOT_IZE_RE.test(w) ? null : IZE_RE.exec(w);
  const ify = IFY_RE.exec(w);
  if (ize?.[1]) {
    for (const z of ["iz", "is"]) for (const e of IZE_ENDINGS) forms.add(`${ize[1]}${z}${e}`);
  } else if (ify?.[1]) {
    for (const e of IFY_ENDINGS) forms.add(`${ify[1]}${e}`);
  } else {
    addSpellingVariants(w, forms);
    for (const f of [...forms]) addNumberForms(f, forms);
    const ation = ATION_RE.exec(w);
    if (ation?.[1]) forms.add(`${ation[1]}ation`).add(`${ation[1]}ations`).add(`${ation[1]}ational`);
  }
  return [...forms];
}

/** British/US spellings outside the -ize family: analyse/analyze, modelling/modeling. */
function addSpellingVariants(w: string, forms: Set<string>): void {
  const yse = YSE_RE.exec(w);
  if (yse) forms.add(`${yse[1]}ys${yse[2]}`).add(`${yse[1]}yz${yse[2]}`);
  const dbl = DOUBLE_L_RE.exec(w);
  if (dbl) forms.add(`${dbl[1]}l${dbl[2]}`);
  const sgl = SINGLE_L_RE.exec(w);
  if (sgl) forms.add(`${sgl[1]}ll${sgl[2]}`);
}

/** Adds the plural of a singular and the singular(s) of a plural (-s, -es, -ies). */
function addNumberForms(w: string, forms: Set<string>): void {
  if (w.length <= 3 || w.endsWith("ed")) return;
  if (w.endsWith("ies") && w.length > 4) {
    forms.add(`${w.slice(0, -3)}y`).add(w.slice(0, -1));
  } else if (/(?:x|ch|sh|ss|z)es$/.test(w)) {
    forms.add(w.slice(0, -2)).add(w.slice(0, -1));
  } else if (/(?:ys|es)es$/.test(w)) {
    forms.add(`${w.slice(0, -2)}is`);
  } else if (/(?:ss|us|is|as|os)$/.test(w)) {
    forms.add(`${w}es`);
  } else if (w.endsWith("s")) {
    forms.add(w.slice(0, -1));
  } else if (/[^aeiou]y$/.test(w)) {
    forms.add(`${w.slice(0, -1)}ies`);
  } else if (/(?:x|ch|sh|z)$/.test(w)) {
    forms.add(`${w}es`);
  } else {
    forms.add(`${w}s`);
  }
}
