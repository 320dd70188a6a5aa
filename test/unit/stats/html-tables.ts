// Reads the tables of a rendered statistics page back, as a reader would:
// rows of cell texts, found by their caption.

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    // Thousands and unit separators are (narrow) no-break spaces: compare with plain ones.
    .replace(/[\u202f\u00a0]/g, ' ')
    .trim();

/** Rows of the table whose caption is `caption`, each as its cell texts (row header first). */
export function tableRows(html: string, caption: string): string[][] {
  const at = html.indexOf(`<caption>${caption}</caption>`);
  if (at < 0) throw new Error(`no table captioned "${caption}"`);
  const body = html.slice(at, html.indexOf('</table>', at));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)]
    .slice(1)
    .map(([, row]) =>
      [...row!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map(([, cell]) => text(cell!)),
    );
}

/** The row of a table whose header cell is `label`. */
export function tableRow(html: string, caption: string, label: string): string[] {
  const row = tableRows(html, caption).find((r) => r[0] === label);
  if (!row) throw new Error(`no row "${label}" in "${caption}"`);
  return row;
}

/** The page's text with tags removed, separators normalised. */
export function pageText(html: string): string {
  return text(html.replace(/<svg[\s\S]*?<\/svg>/g, '')).replace(/\s+/g, ' ');
}
