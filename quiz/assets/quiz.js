/* Course quizzes: one question at a time over the markup quiz/render.py writes.
 * No framework. Everything shown is either the page's own (build-time) HTML or fixed words
 * set with textContent: nothing read from storage or the URL ever becomes HTML. */
(function () {
  "use strict";

  var STORE = "course-quiz:";
  var HELP = "enter a number such as 0.5, .5, 1/2 or 5e-1";
  var DECIMAL = "(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?";
  var NUMBER = new RegExp("^([+-]?)(" + DECIMAL + ")(?:/(" + DECIMAL + "))?$");

  /* The grammar of quiz/numeric.py: 0.5, .5, 5e-1, 1/2, with an optional sign. */
  function parseNumber(text) {
    var m = NUMBER.exec(text.replace(/[\u2212\u2013]/g, "-").replace(/\s+/g, ""));
    if (!m) return null;
    var value = parseFloat(m[2]);
    if (m[3] !== undefined) {
      var divisor = parseFloat(m[3]);
      if (divisor === 0) return null;
      value /= divisor;
    }
    if (!isFinite(value)) return null;
    return m[1] === "-" ? -value : value;
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function own(object, key) {
    return isObject(object) && Object.prototype.hasOwnProperty.call(object, key)
      ? object[key]
      : undefined;
  }

  /* Saved progress is untrusted: unreadable, foreign or corrupted values count as absent. */
  function load(key) {
    try {
      var data = JSON.parse(window.localStorage.getItem(STORE + key) || "{}");
      return isObject(data) ? data : {};
    } catch (e) {
      return {};
    }
  }

  function save(key, data) {
    try {
      window.localStorage.setItem(STORE + key, JSON.stringify(data));
    } catch (e) {
      /* storage full or blocked: progress is simply not kept */
    }
  }

  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function button(text, className) {
    var node = make("button", className, text);
    node.type = "button";
    return node;
  }

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function isStringArray(value) {
    return Array.isArray(value) && value.every(function (item) {
      return typeof item === "string";
    });
  }

  /* One question: reads and writes its answer, and judges it. */
  function Question(node) {
    var self = this;
    this.node = node;
    this.id = node.getAttribute("data-qid");
    this.kind = node.getAttribute("data-kind");
    this.version = node.getAttribute("data-version");
    this.inputs = all(node, ".quiz-option input");
    this.number = node.querySelector("input.quiz-number");
    this.list = node.querySelector(".quiz-steps");
    this.initialOrder = this.list ? this.steps().map(key) : [];
    this.answer = node.querySelector("details.quiz-answer");
    this.verdict = make("p", "quiz-verdict");
    this.verdict.hidden = true;
    this.answer.parentNode.insertBefore(this.verdict, node.querySelector("details.quiz-hint") || this.answer);
    this.answer.hidden = true;
    this.checked = false;
    this.correct = false;
    node.tabIndex = -1;
    if (this.kind === "multiple") {
      this.inputs.forEach(function (input, i) {
        input.addEventListener("keydown", function (event) {
          var step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[event.key];
          if (!step) return;
          event.preventDefault();
          var next = self.inputs[(i + step + self.inputs.length) % self.inputs.length];
          next.focus();
        });
      });
    }
  }

  function key(step) {
    return step.getAttribute("data-step");
  }

  Question.prototype.steps = function () {
    return all(this.list, ".quiz-step");
  };

  Question.prototype.get = function () {
    if (this.kind === "numeric") return this.number.value;
    if (this.kind === "ordering") return this.steps().map(key);
    var chosen = this.inputs.filter(function (input) { return input.checked; }).map(function (input) {
      return input.value;
    });
    return this.kind === "single" ? chosen[0] || null : chosen;
  };

  /* Apply a saved answer if it fits this question exactly; report whether it did. */
  Question.prototype.set = function (value) {
    var self = this;
    if (this.kind === "numeric") {
      if (typeof value !== "string" || value.length > 200) return false;
      this.number.value = value;
      return true;
    }
    if (this.kind === "ordering") {
      var steps = this.steps();
      var byKey = {};
      steps.forEach(function (step) { byKey[key(step)] = step; });
      if (!isStringArray(value) || value.length !== steps.length) return false;
      var seen = {};
      var fits = value.every(function (k) {
        var ok = own(byKey, k) !== undefined && !seen[k];
        seen[k] = true;
        return ok;
      });
      if (!fits) return false;
      value.forEach(function (k) { self.list.appendChild(byKey[k]); });
      return true;
    }
    var chosen = this.kind === "single" ? (value === null ? [] : [value]) : value;
    var values = this.inputs.map(function (input) { return input.value; });
    if (!isStringArray(chosen) || !chosen.every(function (v) { return values.indexOf(v) >= 0; })) {
      return false;
    }
    if (this.kind === "single" && chosen.length > 1) return false;
    this.inputs.forEach(function (input) { input.checked = chosen.indexOf(input.value) >= 0; });
    return true;
  };

  /* {state: "empty" | "invalid" | "done", correct, message} */
  Question.prototype.judge = function () {
    if (this.kind === "numeric") {
      var raw = this.number.value.trim();
      if (!raw) return { state: "empty", message: "Type a number first." };
      var unit = this.number.getAttribute("data-unit") || "";
      var text = raw;
      if (unit && text.toLowerCase().slice(-unit.length) === unit.toLowerCase()) {
        text = text.slice(0, -unit.length);
      }
      var value = parseNumber(text);
      if (value === null) {
        var comma = /\d,\d/.test(raw) ? " (with a point, not a comma, for decimals)" : "";
        return { state: "invalid", message: "Could not read \u201c" + raw + "\u201d as a number: " + HELP + comma + "." };
      }
      var answer = parseFloat(this.number.getAttribute("data-answer"));
      var tolerance = parseFloat(this.number.getAttribute("data-tolerance")) || 0;
      var slack = 1e-9 * Math.max(1, Math.abs(answer));
      return { state: "done", correct: Math.abs(value - answer) <= tolerance + slack };
    }
    if (this.kind === "ordering") {
      return { state: "done", correct: this.get().join(" ") === this.list.getAttribute("data-order") };
    }
    var chosen = this.inputs.filter(function (input) { return input.checked; });
    if (!chosen.length) {
      return { state: "empty", message: this.kind === "single" ? "Choose an option first." : "Choose at least one option first." };
    }
    return {
      state: "done",
      correct: this.inputs.every(function (input) {
        return input.checked === input.hasAttribute("data-correct");
      })
    };
  };

  Question.prototype.show = function (result) {
    this.checked = result.state === "done";
    this.correct = this.checked && result.correct;
    this.verdict.hidden = !result.state;
    this.verdict.className = "quiz-verdict" + (this.checked ? (this.correct ? " quiz-verdict--correct" : " quiz-verdict--wrong") : "");
    this.verdict.textContent = this.checked
      ? (this.correct ? "Correct." : "Not quite. Try again, or open \u201cShow answer\u201d.")
      : result.message || "";
    var chosen = this.checked ? this.get() : null;
    all(this.node, ".quiz-option").forEach(function (option) {
      var input = option.querySelector("input");
      var picked = chosen !== null && (chosen === input.value || (Array.isArray(chosen) && chosen.indexOf(input.value) >= 0));
      option.classList.toggle("quiz-option--picked", picked);
      option.classList.toggle("quiz-option--right", picked && input.hasAttribute("data-correct"));
      option.classList.toggle("quiz-option--wrong", picked && !input.hasAttribute("data-correct"));
      var feedback = option.querySelector(".quiz-option-feedback");
      if (feedback) feedback.hidden = !picked;
    });
    this.answer.hidden = !this.checked;
    this.answer.open = this.correct;
    return this.verdict.textContent;
  };

  Question.prototype.reset = function () {
    this.inputs.forEach(function (input) { input.checked = false; });
    if (this.number) this.number.value = "";
    if (this.list) this.set(this.initialOrder);
    this.show({ state: "" });
  };

  /* One quiz: navigation, score and saved progress. */
  function Quiz(root) {
    var self = this;
    this.root = root;
    this.key = root.getAttribute("data-quiz") || "";
    this.questions = all(root, ".quiz-question").map(function (node) { return new Question(node); });
    this.index = 0;
    this.status = make("p", "quiz-status");
    this.status.setAttribute("role", "status");
    this.prev = button("Previous", "md-button quiz-prev");
    this.progress = make("span", "quiz-progress");
    this.check = button("Check", "md-button md-button--primary quiz-check");
    this.next = button("Next", "md-button quiz-next");
    this.nav = make("div", "quiz-nav");
    var pager = make("span", "quiz-pager");
    [this.prev, this.progress, this.next].forEach(function (n) { pager.appendChild(n); });
    [this.check, pager].forEach(function (n) { self.nav.appendChild(n); });
    this.results = make("div", "quiz-results");
    this.results.hidden = true;
    this.score = make("p", "quiz-score");
    this.score.tabIndex = -1;
    this.review = make("ol", "quiz-review");
    this.again = button("Try again", "md-button md-button--primary quiz-again");
    [this.score, this.review, this.again].forEach(function (n) { self.results.appendChild(n); });
    [this.results, this.nav, this.status].forEach(function (n) { root.appendChild(n); });

    this.prev.addEventListener("click", function () { self.go(self.index - 1, true); });
    this.next.addEventListener("click", function () { self.go(self.index + 1, true); });
    this.check.addEventListener("click", function () { self.judge(self.questions[self.index]); });
    this.again.addEventListener("click", function () { self.restart(); });
    this.questions.forEach(function (question) { self.wire(question); });
    // An attribute, not a class: a changed class attribute restyles the whole quiz (Material's
    // stylesheet has `table:not([class]) td > :first-child`-like rules).
    root.setAttribute("data-quiz-started", "");
    this.restore();
  }

  Quiz.prototype.wire = function (question) {
    var self = this;
    question.node.addEventListener("change", function (event) {
      /* A text field also fires "change" when it loses focus; its "input" events count. */
      if (event.target !== question.number) self.changed(question);
    });
    if (question.number) {
      question.number.addEventListener("input", function () { self.changed(question); });
      question.number.addEventListener("keydown", function (event) {
        if (event.key === "Enter") {
          event.preventDefault();
          self.judge(question);
        }
      });
    }
    if (!question.list) return;
    question.steps().forEach(function (step) {
      var text = step.querySelector(".quiz-step-text");
      var controls = make("span", "quiz-move");
      [["Move up", -1, "\u2191"], ["Move down", 1, "\u2193"]].forEach(function (spec) {
        var control = button(spec[2], "quiz-move-button");
        control.setAttribute("aria-label", spec[0]);
        if (text && text.id) control.setAttribute("aria-describedby", text.id);
        control.addEventListener("click", function () { self.move(question, step, spec[1]); });
        controls.appendChild(control);
      });
      step.appendChild(controls);
      var grip = make("span", "quiz-grip");
      grip.setAttribute("aria-hidden", "true");
      grip.title = "Drag to reorder";
      step.insertBefore(grip, step.firstChild);
      self.drag(question, step, grip);
    });
  };

  function middle(node) {
    var box = node.getBoundingClientRect();
    return box.top + box.height / 2;
  }

  /* Pointer dragging (mouse, pen or touch) by the grip; the buttons stay the keyboard's way.
   * The neighbours move, never the dragged step, so the grip keeps its pointer capture. */
  Quiz.prototype.drag = function (question, step, grip) {
    var self = this;
    var origin = null;
    grip.addEventListener("pointerdown", function (event) {
      if (event.button !== 0 || origin) return;
      event.preventDefault();
      grip.setPointerCapture(event.pointerId);
      origin = question.get();
      step.classList.add("quiz-step--dragged");
    });
    grip.addEventListener("pointermove", function (event) {
      var y = event.clientY;
      while (origin) {
        var steps = question.steps();
        var at = steps.indexOf(step);
        var up = steps[at - 1];
        var down = steps[at + 1];
        if (up && y < middle(up)) question.list.insertBefore(up, step.nextSibling);
        else if (down && y > middle(down)) question.list.insertBefore(down, step);
        else return;
      }
    });
    function drop(event) {
      if (!origin) return;
      var from = origin.indexOf(key(step));
      /* Capture lost without a pointerup (cancelled touch, say): nothing moves. */
      if (event.type !== "pointerup") question.set(origin);
      origin = null;
      step.classList.remove("quiz-step--dragged");
      var steps = question.steps();
      var to = steps.indexOf(step);
      if (to === from) return;
      self.say("Moved to position " + (to + 1) + " of " + steps.length + ".");
      self.changed(question);
    }
    grip.addEventListener("pointerup", drop);
    grip.addEventListener("lostpointercapture", drop);
  };

  Quiz.prototype.move = function (question, step, direction) {
    var steps = question.steps();
    var from = steps.indexOf(step);
    var to = from + direction;
    if (to < 0 || to >= steps.length) {
      this.say(direction < 0 ? "Already the first step." : "Already the last step.");
      return;
    }
    /* Move the neighbour rather than the step, so the focused button never leaves the page. */
    var neighbour = steps[to];
    question.list.insertBefore(neighbour, direction < 0 ? step.nextSibling : step);
    this.say("Moved to position " + (to + 1) + " of " + steps.length + ".");
    this.changed(question);
  };

  Quiz.prototype.changed = function (question) {
    if (question.checked || !question.verdict.hidden) question.show({ state: "" });
    this.store();
  };

  Quiz.prototype.judge = function (question, quiet) {
    var message = question.show(question.judge());
    if (!quiet) {
      this.say(message);
      this.store();
    }
  };

  Quiz.prototype.say = function (message) {
    /* Clear first so the same words are announced again. */
    var status = this.status;
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  };

  Quiz.prototype.go = function (index, focus) {
    var count = this.questions.length;
    this.index = Math.max(0, Math.min(index, count));
    var atResults = this.index === count;
    var shown = this.index;
    this.questions.forEach(function (question, i) { question.node.hidden = i !== shown; });
    this.results.hidden = !atResults;
    this.check.hidden = atResults;
    this.prev.disabled = this.index === 0;
    this.next.hidden = atResults;
    this.next.textContent = this.index === count - 1 ? "See results" : "Next";
    this.progress.textContent = atResults ? "Results" : this.index + 1 + " / " + count;
    this.status.textContent = "";
    if (atResults) this.summarise();
    if (focus) (atResults ? this.score : this.questions[this.index].node).focus();
    this.store();
  };

  Quiz.prototype.summarise = function () {
    var self = this;
    var right = this.questions.filter(function (q) { return q.correct; }).length;
    this.score.textContent = "You answered " + right + " of " + this.questions.length + " questions correctly.";
    this.review.textContent = "";
    this.questions.forEach(function (question, i) {
      var item = make("li", "quiz-review-item");
      var verdict = question.checked ? (question.correct ? "correct" : "incorrect") : "not answered";
      item.appendChild(make("span", "quiz-review-verdict quiz-review-verdict--" + verdict.replace(" ", "-"), "Question " + (i + 1) + ": " + verdict));
      var back = button("Review", "md-button quiz-review-button");
      back.setAttribute("aria-label", "Review question " + (i + 1));
      back.addEventListener("click", function () { self.go(i, true); });
      item.appendChild(back);
      self.review.appendChild(item);
    });
  };

  Quiz.prototype.restart = function () {
    this.questions.forEach(function (question) { question.reset(); });
    this.go(0, true);
    this.say("Answers cleared. Question 1 of " + this.questions.length + ".");
  };

  Quiz.prototype.store = function () {
    var answers = {};
    this.questions.forEach(function (q) {
      answers[q.id] = { h: q.version, a: q.get(), c: q.checked };
    });
    var at = this.index === this.questions.length ? "results" : this.questions[this.index].id;
    save(this.key, { q: answers, at: at });
  };

  Quiz.prototype.restore = function () {
    var self = this;
    var data = load(this.key);
    var saved = own(data, "q");
    this.questions.forEach(function (question) {
      var record = own(saved, question.id);
      /* A changed question has another version: its old answer no longer applies. */
      if (own(record, "h") === question.version && question.set(own(record, "a")) && own(record, "c") === true) {
        self.judge(question, true);
      }
    });
    var at = own(data, "at");
    var index = 0;
    this.questions.forEach(function (question, i) { if (question.id === at) index = i; });
    if (at === "results") index = this.questions.length;
    this.go(index, false);
  };

  function start(scope) {
    all(scope || document, ".quiz[data-quiz]:not([data-quiz-ready])").forEach(function (root) {
      root.setAttribute("data-quiz-ready", "");
      if (root.querySelector(".quiz-question")) new Quiz(root);
    });
  }

  /* Material's document$ emits for every page instant navigation shows. Opened from
     file:// it never emits, so the first page also starts the ordinary way; start() skips
     quizzes already running. Quizzes start in a task of their own, after the one in which
     Material and the page's other scripts start (the longest of a lesson's load). */
  function startSoon() {
    window.setTimeout(function () { start(document); }, 0);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(startSoon);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startSoon);
  } else {
    startSoon();
  }
})();
