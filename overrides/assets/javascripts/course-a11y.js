/* Page-level accessibility for markup that Material and the math build create.
 *
 * 1. Content that scrolls sideways (wide display math, Material's table wrappers, code
 *    blocks) must be reachable by keyboard: while such a box overflows and holds nothing
 *    focusable, it gets tabindex="0" (arrow keys then scroll it). Material does this for
 *    code blocks only on devices that can hover, not on touch screens, which can have a
 *    keyboard too; there it even removes the tabindex when it mounts a code block (as the
 *    block comes into view, content.lazy), and the tabindex is put back. Each box is
 *    watched for size changes, so a phone rotating, a <details> opening or a tab switching
 *    keeps this right. Start-up measures nothing the browser has not laid out anyway: a
 *    box that content-visibility skips (performance.css) is judged by its markup
 *    (measuring it laid its block out: a long task on a phone) and judged exactly when
 *    its block is shown and the observer reports it.
 * 2. Material wraps each code block's copy button in an unnamed <nav>; with two code
 *    blocks a page has several unnamed navigation landmarks. The toolbar is not
 *    navigation: it loses the landmark role, its button stays as it is. With the
 *    content.lazy feature Material adds a code block's toolbar when the block comes into
 *    view, so toolbars added later are caught as they are inserted.
 */
(function () {
  "use strict";

  var SCROLLERS =
    ".md-typeset div.arithmatex, .md-typeset .md-typeset__scrollwrap, .md-typeset pre > code";
  var FOCUSABLE = "a[href], button, input, select, textarea, [tabindex]:not([tabindex^=\"-\"])";
  // Material's code line anchors: its stylesheet makes them visibility: hidden.
  var HIDDEN = ".highlight code a[id]";
  var MARK = "data-course-scroll-focus";
  var watched = []; // boxes the observer reports on
  var observer = null;

  // Something inside the box that Tab reaches. Measuring that lays the box out; a box whose
  // content is not laid out (unrendered) is judged by its markup instead, and judged
  // exactly once it is laid out, when the observer reports it.
  function holdsFocusable(box, unrendered) {
    var found = box.querySelectorAll(FOCUSABLE);
    for (var i = 0; i < found.length; i++) {
      var element = found[i];
      if (element.disabled) continue;
      if (unrendered) {
        if (!element.matches(HIDDEN)) return true;
        continue;
      }
      if (!element.getClientRects().length) continue;
      if (getComputedStyle(element).visibility !== "hidden") return true;
    }
    return false;
  }

  // A box whose content is skipped by content-visibility (performance.css) has no layout
  // yet: it counts as overflowing until it is laid out, when the observer reports it.
  function skipped(box) {
    var inner = box.firstElementChild;
    if (!inner || typeof inner.checkVisibility !== "function") return false;
    return !inner.checkVisibility({ contentVisibilityAuto: true });
  }

  // What the box needs: true to be made focusable, false to stop being so, null nothing.
  // Only reads, so that deciding for many boxes lays the page out at most once.
  function decide(box) {
    var unrendered = skipped(box);
    var overflows = unrendered || box.scrollWidth > box.clientWidth + 1;
    if (box.hasAttribute(MARK)) {
      if (!overflows) return false;
      // Material takes the tabindex of a code block away on a screen without hover.
      return box.hasAttribute("tabindex") ? null : true;
    }
    // Boxes that are focusable already (linked equations) or hold focusable content
    // (links, buttons) are left alone.
    if (!overflows || box.hasAttribute("tabindex") || holdsFocusable(box, unrendered)) {
      return null;
    }
    return true;
  }

  function updateAll(boxes) {
    var wanted = boxes.map(decide);
    boxes.forEach(function (box, i) {
      if (wanted[i] === true) {
        box.setAttribute("tabindex", "0");
        box.setAttribute(MARK, "");
      } else if (wanted[i] === false) {
        box.removeAttribute("tabindex");
        box.removeAttribute(MARK);
      }
    });
  }

  function scan() {
    // Instant navigation replaces the content: stop watching boxes that left the page.
    watched = watched.filter(function (box) {
      if (box.isConnected) return true;
      observer.unobserve(box);
      return false;
    });
    var boxes = Array.prototype.slice.call(document.querySelectorAll(SCROLLERS));
    // The observer may not report a box that is not laid out: those are decided now.
    updateAll(
      boxes.filter(function (box) {
        return !observer || skipped(box);
      })
    );
    if (observer) {
      boxes.forEach(function (box) {
        if (watched.indexOf(box) >= 0) return;
        watched.push(box);
        observer.observe(box); // reports the first size too
      });
    }
    unlandmark(document);
  }

  function unlandmark(root) {
    var toolbars = root.querySelectorAll("nav.md-code__nav:not([role])");
    for (var j = 0; j < toolbars.length; j++) toolbars[j].setAttribute("role", "none");
  }

  if (typeof MutationObserver === "function") {
    new MutationObserver(function (records) {
      var lost = []; // boxes made focusable here whose tabindex someone removed
      for (var i = 0; i < records.length; i++) {
        if (records[i].type === "attributes") {
          var box = records[i].target;
          if (box.hasAttribute(MARK) && !box.hasAttribute("tabindex")) lost.push(box);
          continue;
        }
        var added = records[i].addedNodes;
        for (var k = 0; k < added.length; k++) {
          var node = added[k];
          if (node.nodeType !== 1) continue;
          if (node.matches("nav.md-code__nav:not([role])")) node.setAttribute("role", "none");
          else if (node.firstElementChild) unlandmark(node);
        }
      }
      if (lost.length) updateAll(lost);
    }).observe(document.documentElement, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ["tabindex"],
    });
  }

  if (typeof ResizeObserver === "function") {
    observer = new ResizeObserver(function (entries) {
      updateAll(
        entries.map(function (entry) {
          return entry.target;
        })
      );
    });
  } else {
    window.addEventListener("resize", scan);
  }

  // Material builds table wrappers and code toolbars when a page is shown, so look again
  // once the frame after that has started. Material's document$ emits for every page
  // instant navigation shows; opened from file:// it does not emit, so the first page
  // also starts the ordinary way. scan() only adds what is not there yet.
  function later() {
    window.requestAnimationFrame(scan);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(later);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", later);
  } else {
    later();
  }
  window.addEventListener("load", later);
})();
