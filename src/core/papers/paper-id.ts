/** A versionless arXiv id plus the version it was given with, if any. */
export interface PaperIdParts {
  /** Versionless id: `2410.17243` or `q-bio/0509018`. */
  id: string;
  /** Version from a `vN` suffix, or null. */
  version: number | null;
}

const NEW_STYLE = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/;
const OLD_STYLE = /^([a-z][a-z-]*(?:\.[A-Za-z]{2})?\/\d{7})(?:v(\d+))?$/;

/**
 * Turns anything a user might paste into a versionless arXiv id: a bare id (with or without
 * `vN`, `arXiv:` prefix), an arxiv.org abs/pdf/html URL, or a huggingface.co/papers URL.
 * Returns null when the text is not an arXiv id.
 */
export function parsePaperId(input: string): PaperIdParts | null {
  let text = input.trim();
  if (text.length === 0 || text.length > 300) return null;
  text = text.replace(/^<|>$/g, "");
  const url = /^https?:\/\/(?:www\.|export\.)?(?:arxiv\.org|huggingface\.co)\/(?:abs|pdf|html|papers)\/(.+)$/i.exec(text);
  if (url?.[1]) {
    text = url[1].replace(/[?#].*$/, "").replace(/\/+$/, "").replace(/\.pdf$/i, "");
  }
  text = text.replace(/^arxiv:/i, "").replace(/^oai:arxiv\.org:/i, "");
  const match = NEW_STYLE.exec(text) ?? OLD_STYLE.exec(text);
  if (!match?.[1]) return null;
  return { id: match[1], version: match[2] ? Number(match[2]) : null };
}

/** Like `parsePaperId` but returns only the versionless id, or null. */
export function normalizePaperId(input: string): string | null {
  return parsePaperId(input)?.id ?? null;
}

/** Canonical links for a paper id. */
export function paperLinks(id: string): { abs: string; pdf: string; hf: string } {
  return {
    abs: `https://arxiv.org/abs/${id}`,
    pdf: `https://arxiv.org/pdf/${id}`,
    hf: `https://huggingface.co/papers/${id}`,
  };
}
