import { parse, type HTMLElement } from "node-html-parser";

/** Parts of an arXiv (LaTeXML) page that are not the paper's prose. */
const NOISE = [
  "script", "style", "nav", "header", "footer", "figure", "table", "button",
  ".ltx_bibliography", ".ltx_authors", ".ltx_dates", ".ltx_page_footer", ".ltx_note", ".ltx_equation",
  ".ltx_equationgroup", ".ltx_ERROR", ".ltx_TOC", ".ltx_role_affiliation", ".ltx_acknowledgements", ".ltx_appendix",
].join(", ");

/** Shortest extracted text worth using, characters (error pages and stubs are shorter). */
const MIN_TEXT_CHARS = 500;

/** Escapes text for re-insertion into the parsed tree. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Replaces MathML with its TeX (`alttext`), as arXiv abstracts write math. */
function flattenMath(root: HTMLElement): void {
  for (const math of root.querySelectorAll("math")) {
    const tex = math.getAttribute("alttext");
    math.replaceWith(tex ? ` $${escapeHtml(tex)}$ ` : " ");
  }
}

/**
 * The prose of an arXiv HTML (LaTeXML) paper: title, abstract, headings and paragraphs in
 * order, one per blank-line-separated block, math as TeX; bibliography, figures, tables,
 * display equations, footnotes and appendices left out. Null when the page is not a
 * LaTeXML paper (an error or "no HTML" page) or has too little text.
 */
export function extractArxivHtmlText(html: string): string | null {
  const root = parse(html);
  const article = root.querySelector("article.ltx_document") ?? root.querySelector(".ltx_document");
  if (!article) return null;
  for (const node of article.querySelectorAll(NOISE)) node.remove();
  flattenMath(article);
  const blocks = article
    .querySelectorAll("h1, h2, h3, h4, h5, h6, p")
    .map((el) => el.text.replace(/\s+/g, " ").trim())
    .filter((text) => text.length > 0);
  const text = blocks.join("\n\n");
  return text.length >= MIN_TEXT_CHARS ? text : null;
}
