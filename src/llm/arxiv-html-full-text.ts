import type { Logger } from "../core/logger.js";
import type { FullTextResult, FullTextSource } from "../core/summaries/full-text-source.js";
import type { HttpClient } from "../sources/http-client.js";
import { extractArxivHtmlText } from "./extract-html-text.js";

/** Settings for `createArxivHtmlFullText`. */
export interface ArxivHtmlFullTextOptions {
  /** Our retrying HTTP client (timeouts, Retry-After, User-Agent). */
  http: HttpClient;
  /** arXiv origin serving `/html/<id>`, e.g. https://arxiv.org (tests: a local fake). */
  baseUrl: string;
  /** Where fetch outcomes are logged. */
  logger: Logger;
}

/**
 * FullTextSource over arXiv's HTML rendering (`/html/<id>`, LaTeXML). A 404/410 or a page
 * that is not a LaTeXML paper is `absent`; network failures and 5xx throw (not cached).
 */
export function createArxivHtmlFullText(options: ArxivHtmlFullTextOptions): FullTextSource {
  const base = options.baseUrl.replace(/\/+$/, "");
  return {
    async fetch(paperId: string): Promise<FullTextResult> {
      const url = `${base}/html/${paperId}`;
      const response = await options.http.getText(url, { passStatuses: [404, 410] });
      if (response.status !== 200 || !/html/i.test(response.contentType)) {
        options.logger.debug({ paperId, status: response.status }, "no arXiv HTML full text");
        return { kind: "absent" };
      }
      const text = extractArxivHtmlText(response.text);
      options.logger.debug({ paperId, chars: text?.length ?? 0 }, "arXiv HTML full text fetched");
      return text ? { kind: "found", text } : { kind: "absent" };
    },
  };
}
