// Browser script of the pages shown outside any release (the national home
// page and each académie's announcement), bundled by static-site/build-assets.ts
// into static-site/dist/countdown.js. Progressive enhancement: without it the
// pages already say when results open ("à partir du …"); with it they count
// down and say "disponibles" from the instant, with no request and no write
// at 10:00. The phone's clock decides here, so the page only ever announces:
// what is public is decided by the edge function on the server's clock.

/** "2 j 03 h 04 min 05 s", "04 min 05 s": the time left, in French. */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86_400);
  const hours = Math.floor((total % 86_400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  const parts = [`${two(minutes)} min`, `${two(seconds)} s`];
  if (days > 0 || hours > 0) parts.unshift(`${two(hours)} h`);
  if (days > 0) parts.unshift(`${days} j`);
  return parts.join(' ');
}

/**
 * One pass over the page at `now`: `[data-compte-a-rebours]` elements show
 * the time left until their instant (empty after it); `[data-instant]`
 * elements, once their instant has passed, take the text of `data-ouvert`,
 * the class of `data-ouvert-classe` and, with `data-lien`, a link to it.
 * Returns whether anything is still counting.
 */
export function tick(root: ParentNode, now: number): boolean {
  let pending = false;
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-compte-a-rebours]'))) {
    const left = Date.parse(el.dataset.compteARebours ?? '') - now;
    if (Number.isNaN(left)) continue;
    el.textContent = left > 0 ? `Publication dans ${formatRemaining(left)}` : '';
    pending ||= left > 0;
  }
  for (const el of Array.from(root.querySelectorAll<HTMLElement>('[data-instant]'))) {
    const at = Date.parse(el.dataset.instant ?? '');
    if (Number.isNaN(at)) continue;
    if (now < at) {
      pending = true;
      continue;
    }
    el.removeAttribute('data-instant');
    el.textContent = el.dataset.ouvert ?? '';
    if (el.dataset.ouvertClasse) el.className = el.dataset.ouvertClasse;
    if (el.dataset.lien) {
      const link = document.createElement('a');
      link.href = el.dataset.lien;
      link.textContent = el.dataset.lienTexte ?? el.dataset.lien;
      el.append(' ', link);
    }
  }
  return pending;
}

if (typeof document !== 'undefined') {
  const run = () => {
    if (tick(document, Date.now())) setTimeout(run, 1000 - (Date.now() % 1000));
  };
  run();
}
