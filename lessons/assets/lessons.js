/* Symbol linking between an equation and its "where" list (course-lessons plugin).
 *
 * The build marks each symbol of an equation with \sym{id}{tex}, which the math renderer
 * keeps as class="sym sym-<id>" on the SVG group, and writes the where list right after the
 * equation with one .where-entry[data-sym=<id>] per symbol. This script links the two:
 * pointing at (mouse), focusing (keyboard) or tapping (touch) either side highlights both.
 * Without JavaScript the where list is a plain definition list.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var HIT_PADDING = 60; // MathJax SVG units (1000 per em)
  var groups = [];
  var live = null;
  var hint = null;

  function symbolId(element) {
    var classes = (element.getAttribute("class") || "").split(/\s+/);
    for (var i = 0; i < classes.length; i++) {
      if (classes[i].indexOf("sym-") === 0) return classes[i].slice(4);
    }
    return null;
  }

  function entryText(entry) {
    return (entry.textContent || "").replace(/\s+/g, " ").trim();
  }

  /* SVG hit-testing only counts painted pixels; a transparent box under each symbol makes
   * the whole symbol hoverable and tappable and doubles as its highlight. An equation's
   * boxes are added in two passes, every measurement first and every insertion after, so
   * it is laid out once (measuring after each insertion laid it out again per symbol). */
  function hitRect(box) {
    var rect = document.createElementNS(SVG_NS, "rect");
    rect.setAttribute("class", "sym-hit");
    rect.setAttribute("x", box.x - HIT_PADDING);
    rect.setAttribute("y", box.y - HIT_PADDING);
    rect.setAttribute("width", box.width + 2 * HIT_PADDING);
    rect.setAttribute("height", box.height + 2 * HIT_PADDING);
    rect.setAttribute("rx", HIT_PADDING);
    return rect;
  }

  function addHitAreasTo(symbols) {
    var seen = new Set();
    var todo = symbols.filter(function (symbol) {
      if (seen.has(symbol)) return false; // asked for twice (shown, and at start)
      seen.add(symbol);
      // Not shown (a closed <details>): it gets its box when it is opened.
      if (!symbol.isConnected || (symbol.checkVisibility && !symbol.checkVisibility())) {
        return false;
      }
      return !symbol.querySelector(":scope > rect.sym-hit");
    });
    var boxes = todo.map(function (symbol) {
      try {
        return symbol.getBBox();
      } catch (error) {
        return null;
      }
    });
    todo.forEach(function (symbol, i) {
      var box = boxes[i];
      if (!box || (!box.width && !box.height)) return; // not rendered yet
      symbol.insertBefore(hitRect(box), symbol.firstChild);
    });
  }

  function ensureSharedElements() {
    if (!live || !document.body.contains(live)) {
      live = document.createElement("div");
      live.className = "sym-live";
      live.setAttribute("aria-live", "polite");
      document.body.appendChild(live);
    }
    if (!hint || !document.body.contains(hint)) {
      hint = document.createElement("div");
      hint.id = "sym-keyboard-hint";
      hint.className = "sym-live";
      hint.textContent =
        "Use the left and right arrow keys to step through the symbols defined below.";
      // Inside the main landmark: all text of a page belongs to one (axe's "region").
      (document.querySelector("main") || document.body).appendChild(hint);
    }
  }

  function link(where) {
    var equation = where.previousElementSibling;
    if (!equation || !equation.classList.contains("arithmatex")) return null;
    var entries = {};
    where.querySelectorAll(".where-entry[data-sym]").forEach(function (entry) {
      entries[entry.getAttribute("data-sym")] = entry;
    });
    var symbols = {};
    var order = [];
    equation.querySelectorAll("svg .sym").forEach(function (symbol) {
      var id = symbolId(symbol);
      if (!id || !entries[id]) return;
      (symbols[id] = symbols[id] || []).push(symbol);
      if (order.indexOf(id) < 0) order.push(id);
    });
    if (!order.length) return null;

    var state = { hover: null, focus: null, pinned: null, step: -1 };
    var group = { equation: equation, where: where, symbols: symbols, state: state };

    function render() {
      var active = state.hover || state.focus || state.pinned;
      Object.keys(entries).forEach(function (id) {
        entries[id].classList.toggle("is-active", id === active);
      });
      order.forEach(function (id) {
        symbols[id].forEach(function (symbol) {
          symbol.classList.toggle("is-active", id === active);
        });
      });
    }
    group.render = render;

    function symbolAt(target) {
      var symbol = target && target.closest ? target.closest(".sym") : null;
      return symbol && equation.contains(symbol) ? symbolId(symbol) : null;
    }
    function entryAt(target) {
      var entry = target && target.closest ? target.closest(".where-entry") : null;
      return entry && where.contains(entry) ? entry.getAttribute("data-sym") : null;
    }
    function toggle(id) {
      if (!id || !entries[id]) return;
      state.pinned = state.pinned === id ? null : id;
      render();
    }

    // Mouse: hovering either side. Touch and pen use taps (click), below.
    equation.addEventListener("pointerover", function (event) {
      if (event.pointerType !== "mouse") return;
      state.hover = symbolAt(event.target);
      render();
    });
    equation.addEventListener("pointerout", function (event) {
      if (event.pointerType !== "mouse") return;
      state.hover = symbolAt(event.relatedTarget);
      render();
    });
    where.addEventListener("pointerover", function (event) {
      if (event.pointerType !== "mouse") return;
      state.hover = entryAt(event.target);
      render();
    });
    where.addEventListener("pointerout", function (event) {
      if (event.pointerType !== "mouse") return;
      state.hover = entryAt(event.relatedTarget);
      render();
    });

    // Touch (and click): a tap pins the highlight until the next tap.
    equation.addEventListener("click", function (event) {
      toggle(symbolAt(event.target));
    });
    where.addEventListener("click", function (event) {
      if (event.target.closest("a")) return;
      toggle(entryAt(event.target));
    });

    // Keyboard: each entry is focusable; the equation steps through its symbols.
    Object.keys(entries).forEach(function (id) {
      if (symbols[id]) entries[id].tabIndex = 0;
    });
    where.addEventListener("focusin", function (event) {
      // A tap also focuses the entry; only keyboard focus (focus-visible) highlights, so a
      // second tap can release what the first one pinned.
      if (!event.target.matches(":focus-visible")) return;
      state.focus = entryAt(event.target);
      render();
    });
    where.addEventListener("focusout", function () {
      state.focus = null;
      render();
    });
    equation.tabIndex = 0;
    equation.setAttribute("role", "group");
    equation.setAttribute("aria-describedby", "sym-keyboard-hint");
    // An attribute, not a class: a changed class attribute restyles the next sibling (its
    // where list, hundreds of elements) through Material's `table:not([class]) + *` rules.
    equation.setAttribute("data-linked-symbols", "");
    equation.addEventListener("keydown", function (event) {
      var step = state.step;
      if (event.key === "ArrowRight") step = (step + 1) % order.length;
      else if (event.key === "ArrowLeft") step = (step - 1 + order.length) % order.length;
      else if (event.key === "Home") step = 0;
      else if (event.key === "End") step = order.length - 1;
      else if (event.key === "Escape") step = -1;
      else return;
      event.preventDefault();
      state.step = step;
      state.focus = step >= 0 ? order[step] : null;
      render();
      live.textContent =
        step >= 0
          ? "Symbol " + (step + 1) + " of " + order.length + ": " + entryText(entries[order[step]])
          : "";
    });
    equation.addEventListener("blur", function () {
      state.step = -1;
      state.focus = null;
      render();
    });
    return group;
  }

  /* The symbols of the equations inside `scope` (or shown in the page) wait for their hit
   * areas until the page is idle: measuring lays the page out, and at start-up that
   * lengthened the task in which Material and every script of the page start (the longest
   * of a lesson's load). A block that content-visibility skips (performance.css) is not
   * measured until it is shown, so as not to lay it out at all. */
  var waiting = []; // [group, shown: true if its block was just shown]
  var scheduled = false;

  // Wall time one slice of the hit-area work may take. Lighthouse on a phone (4x slower
  // CPU) counts a task as blocking input from 12.5 ms observed; an idle period can last
  // 50 ms, and measuring a lesson's equations took 40-90 ms, so a slice that ran while the
  // idle period lasted made a long task of its own.
  var SLICE_MS = 8;

  function later(run) {
    if (window.requestIdleCallback) {
      window.requestIdleCallback(run, { timeout: 1000 });
      return;
    }
    window.setTimeout(run, 50); // no idle callbacks (Safari): the slice budget alone
  }

  // One equation at a time while the slice has time left, at least one per slice, then the
  // rest in the next idle period. A slice ends before its budget is spent: it does not
  // start an equation that would take it past the budget, judged by the longest equation
  // it has done so far, nor one the idle period has no time left for.
  function addWaitingHitAreas(deadline) {
    var start = performance.now();
    var longest = 0;
    var done = 0;
    while (waiting.length) {
      if (done) {
        if (performance.now() - start + longest >= SLICE_MS) break;
        if (deadline && deadline.timeRemaining() <= longest) break;
      }
      var began = performance.now();
      var item = waiting.shift();
      done += 1;
      var symbols = [];
      Object.keys(item[0].symbols).forEach(function (id) {
        symbols.push.apply(symbols, item[0].symbols[id]);
      });
      // Skipped: it is measured when it is shown. A symbol is asked, not the equation: the
      // equation can be a skipped block itself, and only its content is skipped then.
      var symbol = symbols[0];
      if (!symbol) continue;
      if (!item[1] && symbol.checkVisibility) {
        if (!symbol.checkVisibility({ contentVisibilityAuto: true })) continue;
      }
      addHitAreasTo(symbols);
      longest = Math.max(longest, performance.now() - began);
    }
    if (waiting.length) later(addWaitingHitAreas);
    else scheduled = false;
  }

  function addHitAreasSoon(scope) {
    groups.forEach(function (group) {
      if (!scope || scope.contains(group.equation)) waiting.push([group, !!scope]);
    });
    if (scheduled || !waiting.length) return;
    scheduled = true;
    later(addWaitingHitAreas);
  }

  function init() {
    ensureSharedElements();
    groups = groups.filter(function (group) {
      return document.body.contains(group.where);
    });
    document.querySelectorAll(".md-typeset div.where:not([data-sym-linked])").forEach(
      function (where) {
        where.setAttribute("data-sym-linked", "");
        var group = link(where);
        if (group) groups.push(group);
      }
    );
    addHitAreasSoon(null);
  }

  // Once per document: a tap outside every linked group clears pinned highlights, and a
  // <details> that opens or a skipped block that is shown lets its equations get their
  // hit areas.
  document.addEventListener("click", function (event) {
    groups.forEach(function (group) {
      if (group.equation.contains(event.target) || group.where.contains(event.target)) return;
      if (group.state.pinned) {
        group.state.pinned = null;
        group.render();
      }
    });
  });
  document.addEventListener(
    "toggle",
    function (event) {
      if (event.target.open) addHitAreasSoon(event.target);
    },
    true
  );
  document.addEventListener(
    "contentvisibilityautostatechange",
    function (event) {
      if (!event.skipped) addHitAreasSoon(event.target);
    },
    true
  );

  // Material's document$ emits for every page instant navigation shows. Opened from
  // file:// it never emits, so the first page also starts the ordinary way; init() only
  // links where lists not linked yet.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
