// Build-time TeX -> SVG renderer: one long-lived process that the Python plugin talks to.
//
// Protocol: one JSON request per line on stdin, one JSON response per line on stdout.
//   {"id": 1, "op": "init", "macros": {...}, "packages": [...]}   -> {"id": 1, "ok": true, "version": "4.x"}
//   {"id": 2, "op": "render", "fragments": [{"tex": "...", "display": true}, ...]}
//       -> {"id": 2, "results": [{"html": "..."} | {"error": "message", "policy"?: true}, ...]}
//       ("policy": the TeX is valid but the course's policy for author content refuses it)
//   {"id": 3, "op": "stylesheet"}                                  -> {"id": 3, "css": "..."}
// The fragments of one "render" request are one equation-numbering context: numbers start at 1
// and \eqref may point forwards (resolved by a second pass), so a page's numbered equations are
// sent together and context-free ones one by one.

import {createInterface} from 'node:readline';
import {createRequire} from 'node:module';
import {mathjax} from '@mathjax/src/js/mathjax.js';
import {TeX} from '@mathjax/src/js/input/tex.js';
import {SVG} from '@mathjax/src/js/output/svg.js';
import {liteAdaptor} from '@mathjax/src/js/adaptors/liteAdaptor.js';
import {RegisterHTMLHandler} from '@mathjax/src/js/handlers/html.js';
import {AssistiveMmlHandler} from '@mathjax/src/js/a11y/assistive-mml.js';
import {SafeHandler} from '@mathjax/src/js/ui/safe/SafeHandler.js';
import '@mathjax/src/js/util/asyncLoad/esm.js';
import '@mathjax/src/js/input/tex/base/BaseConfiguration.js';
import '@mathjax/src/js/input/tex/ams/AmsConfiguration.js';
import '@mathjax/src/js/input/tex/html/HtmlConfiguration.js';
import '@mathjax/src/js/input/tex/configmacros/ConfigMacrosConfiguration.js';
import '@mathjax/src/js/input/tex/boldsymbol/BoldsymbolConfiguration.js';
import '@mathjax/src/js/input/tex/mathtools/MathtoolsConfiguration.js';
import '@mathjax/src/js/input/tex/cancel/CancelConfiguration.js';
import '@mathjax/src/js/input/tex/color/ColorConfiguration.js';
import '@mathjax/src/js/input/tex/cases/CasesConfiguration.js';
import {MathJaxNewcmFont} from '@mathjax/mathjax-newcm-font/js/svg.js';
import {SAFE_OPTIONS, Policy} from './policy.mjs';

const VERSION = createRequire(import.meta.url)('@mathjax/src/package.json').version;
// A fixed id stem: the Python side renumbers ids per page, so output never depends on
// how many equations this process happened to render before.
const LOCAL_ID = 'X';

let state = null;

function setup(macros, packages) {
  const adaptor = liteAdaptor();
  // MathJax's safe extension filters what \href, \class, \style and \cssId may set;
  // the course's policy (policy.mjs) turns whatever it would remove into an author error.
  SafeHandler(AssistiveMmlHandler(RegisterHTMLHandler(adaptor)));
  const tex = new TeX({
    packages: ['base', 'ams', 'configmacros', ...packages],
    tags: 'ams',
    macros,
    // Report TeX errors to the author instead of drawing them in red on the page.
    formatError: (jax, err) => {
      throw err;
    },
  });
  const svg = new SVG({fontData: MathJaxNewcmFont, fontCache: 'local', localID: LOCAL_ID});
  const doc = mathjax.document('', {InputJax: tex, OutputJax: svg, safeOptions: SAFE_OPTIONS});
  const policy = new Policy(doc.safe);
  policy.guardData();
  state = {adaptor, tex, svg, doc, policy};
}

async function convert(tex, display) {
  state.svg.options.localID = LOCAL_ID;
  // MathJax retries a conversion after loading font data on demand; the failed attempt must
  // not leave its labels and numbers behind, or the retry sees "Label multiply defined".
  const tags = state.tex.parseOptions.tags;
  const before = {labels: {...tags.allLabels}, ids: {...tags.allIds}, counter: tags.allCounter};
  const node = await mathjax.handleRetriesFor(() => {
    tags.allLabels = {...before.labels};
    tags.allIds = {...before.ids};
    tags.allCounter = before.counter;
    state.policy.refusals.length = 0;
    return state.doc.convert(tex, {display});
  });
  if (state.policy.refusals.length) throw new PolicyError(state.policy.refusals[0]);
  stripInnerLatex(node);
  for (const child of state.adaptor.childNodes(node)) {
    if (state.adaptor.kind(child) === 'svg') leaner(child);
  }
  // Links inside the SVG (from \eqref) use xlink:href: an SVG <a> has a read-only `href`
  // property, and page scripts that rewrite every a[href] (Material's) would throw on it.
  return state.adaptor.outerHTML(node).replace(/<a href=/g, '<a xlink:href=');
}

// TeX that the course's policy refuses: reported to the author as such, never rendered.
class PolicyError extends Error {}

// MathJax marks every sub-expression with its TeX source (data-latex); nothing on the page
// reads those, and they are a tenth of a page's weight. The <math> root keeps its own.
function stripInnerLatex(node) {
  const {adaptor} = state;
  for (const child of adaptor.childNodes(node)) {
    const kind = adaptor.kind(child);
    if (kind.startsWith('#')) continue;
    if (kind !== 'math') adaptor.removeAttribute(child, 'data-latex');
    stripInnerLatex(child);
  }
}

// The SVG as MathJax writes it wraps every token in a <g data-mml-node="..."> (a third of a
// lesson's elements) and marks each glyph with data-c: both serve MathJax's runtime (menus,
// the explorer), which these pages do not load. A group with no other attribute is replaced
// by its children, a group that only moves one glyph gives its transform to the glyph, and
// the runtime-only attributes go. Groups with a class (\sym), links and the kinds MathJax's
// stylesheet selects (tables, errors, actions) are kept as they are. Same drawing, fewer
// elements for the browser to style and lay out.
const STYLED_KINDS = new Set(['mtable', 'merror', 'maction']);

function leaner(node) {
  const {adaptor} = state;
  for (const child of [...adaptor.childNodes(node)]) {
    const kind = adaptor.kind(child);
    if (kind.startsWith('#')) continue;
    leaner(child);
    if (kind === 'use') {
      adaptor.removeAttribute(child, 'data-c');
      continue;
    }
    if (kind !== 'g') continue;
    const mml = adaptor.getAttribute(child, 'data-mml-node');
    if (STYLED_KINDS.has(mml)) continue;
    adaptor.removeAttribute(child, 'data-mml-node');
    const names = adaptor.allAttributes(child).map((a) => a.name);
    const children = adaptor.childNodes(child);
    if (names.length === 0) {
      for (const grandchild of [...children]) adaptor.insert(grandchild, child);
      adaptor.remove(child);
    } else if (
      names.length === 1 &&
      names[0] === 'transform' &&
      children.length === 1 &&
      adaptor.kind(children[0]) === 'use' &&
      !adaptor.hasAttribute(children[0], 'transform')
    ) {
      const glyph = children[0];
      adaptor.setAttribute(glyph, 'transform', adaptor.getAttribute(child, 'transform'));
      adaptor.replace(glyph, child);
    }
  }
}

// Inline math that may wrap is split into several SVGs with an <mjx-break size="0".."5">
// holding one space between them (a break opportunity as wide as the math space there,
// size/18 em). MathJax sizes that space with a zero-width web font (MJX-ZERO, a data: URL)
// and a negative letter-spacing: until the font is ready the browser lays the space out in
// the text font, and when it arrives the line moves (a layout shift on the lesson header,
// issue 12). Here the space has no width of its own (font size 0) and the gap is padding in
// the equation's em, carried through a registered property so it is computed where the
// container's font size is known. Same positions, no font to wait for (a break MathJax
// marks prebreak stays zero-wide, as in its own stylesheet).
const BREAK_SPACES = `
@property --course-math-em {
  syntax: "<length>";
  inherits: true;
  initial-value: 0px;
}

mjx-container[jax="SVG"] {
  --course-math-em: 1em;
}

mjx-container[jax="SVG"] mjx-break[size] {
  font-family: inherit !important;
  font-size: 0;
  letter-spacing: 0;
}
${[1, 2, 3, 4, 5]
  .map(
    (size) => `
mjx-container[jax="SVG"] mjx-break[size="${size}"]:not([prebreak]) {
  padding-left: calc(var(--course-math-em) * ${((size + 1) / 18).toFixed(3)});
}`,
  )
  .join('\n')}
`;

function refsIn(tex) {
  return [...tex.matchAll(/\\(?:eq)?ref\s*\{([^}]*)\}/g)].map((m) => m[1]);
}

function failure(err) {
  const error = String(err.message || err);
  return err instanceof PolicyError ? {error, policy: true} : {error};
}

async function renderGroup(fragments) {
  const tags = state.tex.parseOptions.tags;
  const options = state.tex.parseOptions.options;
  tags.reset(0);
  const results = [];
  let unresolved = false;
  for (const {tex, display} of fragments) {
    try {
      const html = await convert(tex, display);
      unresolved ||= tags.redo;
      results.push({html});
    } catch (err) {
      results.push(failure(err));
    }
  }
  if (!unresolved) return results;
  // Second pass: every label of the group is now known, so forward references resolve.
  tags.counter = tags.allCounter = 0;
  options.ignoreDuplicateLabels = true;
  try {
    for (const [i, {tex, display}] of fragments.entries()) {
      if (results[i].error) continue;
      let html;
      try {
        html = await convert(tex, display);
      } catch (err) {
        results[i] = failure(err);
        continue;
      }
      if (tags.redo) {
        const missing = refsIn(tex).filter((label) => !(label in tags.allLabels));
        results[i] = {error: `Reference to an undefined label: ${missing.join(', ') || '?'}`};
      } else {
        results[i] = {html};
      }
    }
  } finally {
    options.ignoreDuplicateLabels = false;
  }
  return results;
}

async function handle(request) {
  switch (request.op) {
    case 'init':
      setup(request.macros || {}, request.packages || []);
      return {ok: true, version: VERSION};
    case 'render':
      return {results: await renderGroup(request.fragments)};
    case 'stylesheet':
      return {css: state.adaptor.textContent(state.svg.styleSheet(state.doc)) + BREAK_SPACES};
    default:
      throw new Error(`unknown op ${request.op}`);
  }
}

const lines = createInterface({input: process.stdin, crlfDelay: Infinity});
for await (const line of lines) {
  if (!line.trim()) continue;
  let request = {};
  let response;
  try {
    request = JSON.parse(line);
    response = await handle(request);
  } catch (err) {
    response = {fatal: String((err && err.stack) || err)};
  }
  process.stdout.write(JSON.stringify({id: request.id ?? null, ...response}) + '\n');
}
