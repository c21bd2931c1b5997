/* Links land on their target although far blocks are laid out late (issue 12).

   performance.css gives the article's blocks content-visibility: auto, so a block far from
   the viewport has a placeholder height until it comes near. Following a link to a section
   or an equation scrolls by the placeholders; the blocks then laid out around the target
   are taller or shorter than their placeholders and would push it away. For a moment after
   the page arrives at a fragment (opened with one, a link on the page, the table of
   contents, instant navigation), the target is put back in its place whenever it is off
   it, until it stays put or the reader scrolls, taps or types. Works from file:// too (no document$). */
(() => {
  const MAX_FRAMES = 90; // about 1.5 s at 60 frames per second
  const QUIET_FRAMES = 6; // this many frames without a move: the layout has settled
  let current = 0;

  const stop = () => {
    current += 1;
  };
  for (const type of ["wheel", "touchstart", "keydown", "mousedown"]) {
    addEventListener(type, stop, { passive: true, capture: true });
  }

  const targetOf = (hash) => {
    if (!hash || hash === "#") return null;
    try {
      return document.getElementById(decodeURIComponent(hash.slice(1)));
    } catch {
      return null; // a malformed %-escape
    }
  };

  // Where scrollIntoView() puts the target's top: its scroll margin below the page's
  // scroll padding (Material keeps headings clear of its header this way).
  const aim = (target) =>
    (parseFloat(getComputedStyle(target).scrollMarginTop) || 0) +
    (parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0);

  // The target is off its place, and the page can still scroll to put it there (right after
  // a scroll the page may be too short: blocks below it still had their placeholders).
  const misplaced = (target) => {
    if (!target.getClientRects().length) return false; // hidden: nowhere to scroll to
    const off = target.getBoundingClientRect().top - aim(target);
    const page = document.scrollingElement || document.documentElement;
    if (off >= 1) return scrollY + innerHeight < page.scrollHeight - 1;
    return off <= -1 && scrollY > 0;
  };

  const keep = (target) => {
    if (!target) return;
    current += 1;
    const token = current;
    let frames = 0;
    let quiet = 0;
    const tick = () => {
      if (token !== current || ++frames > MAX_FRAMES) return;
      if (misplaced(target)) {
        target.scrollIntoView();
        quiet = 0;
      } else if (document.readyState === "complete" && ++quiet >= QUIET_FRAMES) {
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };

  const keepHash = () => keep(targetOf(location.hash));

  // A link to a place on this page; the browser scrolls first, then the target is kept.
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href*='#']") : null;
    if (!link || event.defaultPrevented) return;
    const url = new URL(link.href, location.href);
    if (url.origin + url.pathname !== location.origin + location.pathname) return;
    requestAnimationFrame(() => keep(targetOf(url.hash)));
  });
  addEventListener("hashchange", keepHash);

  // Every page instant navigation brings in; from file:// document$ never emits, so the
  // first page also starts on its own (keeping the same target twice is harmless).
  if (typeof document$ !== "undefined") document$.subscribe(keepHash);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", keepHash, { once: true });
  } else {
    keepHash();
  }
})();
