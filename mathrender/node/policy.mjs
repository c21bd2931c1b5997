// The course's policy for TeX written by contributors (CONTRIBUTING.md, "Author content is
// untrusted"): what \href, \class, \style, \cssId and \data may put into the page.
//
// MathJax's safe extension (ui/safe) filters these attributes, but silently: a link that
// does nothing or a colour that vanishes would pass review unnoticed. Here every value the
// filter would change or drop is recorded as a refusal, and the renderer reports the first
// one as an author error instead of rendering the equation. Two gaps of the extension are
// closed as well: a URL scheme hidden by a tab or control character ("java\tscript:", which
// browsers read as "javascript:"), and \data, whose attributes the extension does not check
// (a data-md-* attribute would steer the theme's scripts).

import {MapHandler} from '@mathjax/src/js/input/tex/MapHandler.js';
import {Macro} from '@mathjax/src/js/input/tex/Token.js';

// Classes the course's own macros write (\sym{id}{tex} is \class{sym sym-id}{tex}), and
// MathJax's own (\eqref marks its link MathJax_ref).
const CLASS = /^(?:sym|sym-[a-z0-9-]+|mjx-[-a-zA-Z0-9_.]+|MathJax_ref)$/;

export const SAFE_OPTIONS = {
  allow: {URLs: 'safe', classes: 'safe', cssIDs: 'safe', styles: 'safe'},
  safeProtocols: {http: true, https: true, file: false, javascript: false, data: false},
  classPattern: CLASS,
};

const URL_FIX =
  '\\href only takes http(s), relative or #anchor URLs; link to an https:// address, ' +
  'a page of the course or an #anchor';
const STYLE_FIX =
  '\\style only takes color, background-color, border, margin, padding and outline ' +
  '(at most 3em), font-family, font-size (0.707em to 1.44em), font-style, font-weight, ' +
  'opacity, cursor and text-shadow; remove the other declarations';
const CLASS_FIX =
  '\\class only takes the classes \\sym writes; mark a symbol with \\sym{id}{tex}';
const ID_FIX =
  'ids belong to the page; give an equation an anchor with \\label{eq:name} and link to ' +
  'it with \\eqref{eq:name}';
const DATA_FIX = "data attributes are read by the page's scripts; remove \\data";

/** `text` on one line of a message: control characters written as escapes (\\t, \\n...). */
function shown(text) {
  const named = {'\t': '\\t', '\n': '\\n', '\r': '\\r'};
  return String(text).replace(
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => named[c] || `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  );
}

/** Whether `url` may be a link target: http(s), relative or a #fragment, as a browser reads it. */
export function urlAllowed(url) {
  // Browsers drop tabs and line breaks anywhere in a URL and control characters and spaces
  // around it; a backslash is read as a slash. None of them belongs in a course link.
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(url)) return false;
  if (/^https?:\/\//i.test(url)) return true;
  const beforePath = url.split(/[/?#]/, 1)[0];
  return !beforePath.includes(':');
}

function declarations(style) {
  const found = new Map();
  for (const part of String(style || '').split(';')) {
    const colon = part.indexOf(':');
    if (colon < 0) {
      if (part.trim()) found.set(part.trim().toLowerCase(), '');
      continue;
    }
    const name = part.slice(0, colon).trim().toLowerCase();
    found.set(name, part.slice(colon + 1).trim().replace(/\s+/g, ' '));
  }
  return found;
}

export class Policy {
  constructor(safe) {
    this.refusals = [];
    const base = safe.filterMethods;
    const refuse = (message) => this.refusals.push(message);
    safe.filterMethods = {
      ...base,
      filterURL(_safe, url) {
        if (urlAllowed(url)) return url;
        refuse(`\\href{${shown(url)}}: ${URL_FIX}`);
        return null;
      },
      filterClassList(filter, list) {
        const kept = base.filterClassList.call(this, filter, list) || '';
        const keptNames = new Set(kept.split(/\s+/));
        const dropped = list.trim().split(/\s+/).filter((name) => !keptNames.has(name));
        if (dropped.length) refuse(`\\class{${shown(dropped.join(' '))}}: ${CLASS_FIX}`);
        return kept;
      },
      filterID(filter, id) {
        const kept = base.filterID.call(this, filter, id);
        if (kept !== id) refuse(`\\cssId{${shown(id)}}: ${ID_FIX}`);
        return kept;
      },
      filterStyles(filter, styles) {
        const kept = base.filterStyles.call(this, filter, styles);
        const asked = declarations(styles);
        const given = declarations(kept);
        const refused = [...asked].filter(([name, value]) => given.get(name) !== value);
        if (refused.length) {
          const text = refused.map(([name, value]) => `${name}: ${value}`).join('; ');
          refuse(`\\style{${shown(text)}}: ${STYLE_FIX}`);
        }
        return kept;
      },
    };
  }

  /** Refuse \data, whose attributes MathJax's safe extension does not filter. */
  guardData() {
    active = this;
    const map = MapHandler.getMap('html_macros');
    const data = map && map.lookup('data');
    if (!data || data.token === GUARDED) return;
    map.add(
      'data',
      new Macro(GUARDED, (parser, name) => {
        const start = parser.i;
        const result = data.func(parser, name);
        const text = parser.string.slice(start, parser.i);
        active.refusals.push(`\\data${shown(text)}: ${DATA_FIX}`);
        return result;
      })
    );
  }
}

// The \data macro is MathJax's, shared by every document; it reports to the latest policy.
const GUARDED = 'data (refused by the course policy)';
let active = null;
