/*
 * ELBO trade-off explorer (course-explorer plugin).
 *
 * A 1-D linear-Gaussian VAE: p(z) = N(0, 1), p(x|z) = N(w z, s2), q(z|x) = N(m, sigma2).
 * The formulas below mirror coursemath/vae.py one for one; a browser test checks
 * them against it on a grid. The page's HTML (written at build time) holds every label
 * and each slider's range; this script reads numbers only, fills in readouts and draws
 * the SVG plot. Plain script: no modules, no fetches, so it also works from file://.
 */
(function () {
  "use strict";

  var SVG_NS = "http://www.w3.org/2000/svg";
  var LOG_2PI = Math.log(2 * Math.PI);

  /* ---- The model (closed forms; variances, natural logs, nats) ---- */

  var model = {
    /** E_q[log p(x|z)] for q = N(m, v): the reconstruction term. */
    expectedLogLikelihood: function (x, m, v, w, s2) {
      var r = x - w * m;
      return -0.5 * (LOG_2PI + Math.log(s2)) - (r * r + w * w * v) / (2 * s2);
    },
    /** KL(N(m, v) || N(0, 1)). */
    klToStandardNormal: function (m, v) {
      return 0.5 * (m * m + v - 1 - Math.log(v));
    },
    /** KL(N(mq, vq) || N(mp, vp)). */
    klGaussians: function (mq, vq, mp, vp) {
      var d = mq - mp;
      return 0.5 * (Math.log(vp / vq) + (vq + d * d) / vp - 1);
    },
    /** log p(x) = log N(x; 0, w^2 + s2). */
    logEvidence: function (x, w, s2) {
      var t = w * w + s2;
      return -0.5 * (LOG_2PI + Math.log(t) + (x * x) / t);
    },
    /** The exact posterior p(z|x). */
    posterior: function (x, w, s2) {
      var t = w * w + s2;
      return { mean: (w * x) / t, variance: s2 / t };
    },
    /** E_q[log p(x|z)] - beta KL(q || p(z)). */
    elbo: function (x, m, v, w, s2, beta) {
      return model.expectedLogLikelihood(x, m, v, w, s2) - beta * model.klToStandardNormal(m, v);
    },
    /** log p(x) - ELBO, as KL(q || p(z|x)). */
    gap: function (x, m, v, w, s2) {
      var post = model.posterior(x, w, s2);
      return model.klGaussians(m, v, post.mean, post.variance);
    },
    /** The encoder variance maximising the beta-weighted ELBO. */
    optimalEncoderVar: function (w, s2, beta) {
      return (s2 * beta) / (w * w + beta * s2);
    },
    /** The encoder mean maximising the beta-weighted ELBO. */
    optimalEncoderMean: function (x, w, s2, beta) {
      return (w * x) / (w * w + beta * s2);
    },
  };

  /* ---- Formatting (Unicode minus, never "−0.00") ---- */

  function fixed(value, digits) {
    var text = Math.abs(value).toFixed(digits);
    var zero = Number(text) === 0;
    return (value < 0 && !zero ? "\u2212" : "") + text;
  }
  function nats(value) {
    return fixed(value, 2) + " nats";
  }
  function variance(value) {
    return value >= 0.995 ? value.toFixed(2) : value.toPrecision(2);
  }
  function formatParam(name, value) {
    return name === "sigma2" || name === "s2" ? variance(value) : fixed(value, 2);
  }

  var SYMBOLS = { sigma2: "σ²", m: "m", x: "x", s2: "s²", beta: "β" };

  /* ---- SVG helpers ---- */

  function svgElement(name, attributes, parent) {
    var el = document.createElementNS(SVG_NS, name);
    for (var key in attributes) {
      if (Object.prototype.hasOwnProperty.call(attributes, key)) {
        el.setAttribute(key, String(attributes[key]));
      }
    }
    if (parent) parent.appendChild(el);
    return el;
  }
  function svgText(parent, x, y, text, className, anchor) {
    var el = svgElement("text", { x: x, y: y, class: className, "text-anchor": anchor || "start" }, parent);
    el.textContent = text;
    return el;
  }
  function pathData(points) {
    var d = "";
    for (var i = 0; i < points.length; i++) {
      d += (i === 0 ? "M" : "L") + points[i][0].toFixed(1) + "," + points[i][1].toFixed(1);
    }
    return d;
  }
  function niceStep(span, count) {
    var raw = span / Math.max(1, count);
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * power >= raw) return steps[i] * power;
    }
    return 10 * power;
  }

  /* ---- The curves drawn, in legend order ---- */

  var CURVES = [
    { key: "recon", label: "reconstruction loss" },
    { key: "kl", label: "KL term" },
    { key: "loss", label: "−ELBO" },
    { key: "elbo1", label: "−ELBO at β = 1" },
    { key: "floor", label: "−log p(x)" },
  ];
  var X_TICKS = [0.01, 0.03, 0.1, 0.3, 1, 3];
  var SAMPLES = 121;

  /* ---- One explorer on the page ---- */

  /*
   * Set-up is in two steps. The constructor, at page start, does only what needs no
   * layout: it reads the state and writes the legend, the readouts and the sliders, then
   * unhides the controls, which explorer.css keeps unseen behind the figure while they
   * wait; they take their place already, so starting moves nothing. start(), once the
   * explorer comes near the viewport, draws the plot (which lays it out) and swaps the
   * figure for the controls (issue 12).
   */
  function Explorer(root) {
    this.root = root;
    this.app = root.querySelector(".course-explorer__app");
    this.inputs = {};
    var inputs = root.querySelectorAll("input[data-param]");
    for (var i = 0; i < inputs.length; i++) {
      this.inputs[inputs[i].getAttribute("data-param")] = inputs[i];
    }
    this.main = this.inputs.sigma2;
    this.lo = Number(this.main.min);
    this.hi = Number(this.main.max);
    this.initial = this.readInitial();
    this.state = copy(this.initial);
    this.timer = 0;
    this.width = 0;
    this.axesKey = "";
    this.started = false;
    this.buildLegend();
    this.fill(null);
    this.app.hidden = false;
  }

  Explorer.prototype.start = function () {
    this.started = true;
    this.root.setAttribute("data-explorer-ready", "");
    this.buildPlot();
    this.bind();
    this.root.querySelector(".course-explorer__fallback").hidden = true;
    // The spoken summary starts empty: a page load should not talk; the first pause will.
    this.render(null);
  };

  function copy(state) {
    var out = {};
    for (var key in state) out[key] = state[key];
    return out;
  }

  Explorer.prototype.readInitial = function () {
    var root = this.root;
    var self = this;
    function number(name, fallback) {
      var value = Number(root.getAttribute("data-" + name));
      return isFinite(value) ? value : fallback;
    }
    function positive(name, fallback) {
      var value = number(name, fallback);
      return value > 0 ? value : fallback;
    }
    var state = {
      sigma2: clamp(positive("sigma2", 1), Math.pow(10, self.lo), Math.pow(10, self.hi)),
      x: number("x", 1.5),
      s2: positive("s2", 1),
      beta: positive("beta", 1),
      w: number("w", 2),
      m: 0,
      meanFollowsBest: root.getAttribute("data-m") === "best",
    };
    state.m = state.meanFollowsBest ? bestMean(state) : number("m", 0);
    return state;
  };

  function clamp(value, lo, hi) {
    return Math.min(Math.max(value, lo), hi);
  }
  function bestMean(s) {
    return model.optimalEncoderMean(s.x, s.w, s.s2, s.beta);
  }
  function valueOf(input) {
    var position = Number(input.value);
    return input.getAttribute("data-scale") === "log" ? Math.pow(10, position) : position;
  }
  function positionOf(input, value) {
    return input.getAttribute("data-scale") === "log" ? Math.log10(value) : value;
  }

  Explorer.prototype.bind = function () {
    var self = this;
    Object.keys(this.inputs).forEach(function (name) {
      self.inputs[name].addEventListener("input", function (event) {
        self.onInput(name, event.target);
      });
    });
    this.root.querySelector('[data-action="optimum"]').addEventListener("click", function () {
      self.jumpToOptimum();
    });
    this.root.querySelector('[data-action="reset"]').addEventListener("click", function () {
      self.state = copy(self.initial);
      self.render(null);
      self.scheduleAnnouncement();
    });
    if (typeof ResizeObserver === "function") {
      this.resizeObserver = new ResizeObserver(function () {
        if (self.plotBox.clientWidth !== self.width) self.render(null);
      });
      this.resizeObserver.observe(this.plotBox);
    }
  };

  Explorer.prototype.onInput = function (name, input) {
    var s = this.state;
    s[name] = valueOf(input);
    if (name === "m") s.meanFollowsBest = false;
    if (s.meanFollowsBest) s.m = bestMean(s);
    this.render(input);
    this.scheduleAnnouncement();
  };

  Explorer.prototype.jumpToOptimum = function () {
    var s = this.state;
    s.sigma2 = clamp(this.derived().bestSigma2, Math.pow(10, this.lo), Math.pow(10, this.hi));
    // The best sigma2 does not depend on m; an authored mean with no slider stays put.
    if (this.inputs.m || this.root.getAttribute("data-m") === "best") s.m = bestMean(s);
    this.render(null);
    this.scheduleAnnouncement();
  };

  Explorer.prototype.dispose = function () {
    if (nearby) nearby.unobserve(this.root);
    if (this.resizeObserver) this.resizeObserver.disconnect();
    clearTimeout(this.timer);
  };

  /** Every number the readouts and the summary need, for the current state. */
  Explorer.prototype.derived = function () {
    var s = this.state;
    var recon = -model.expectedLogLikelihood(s.x, s.m, s.sigma2, s.w, s.s2);
    var kl = model.klToStandardNormal(s.m, s.sigma2);
    return {
      recon: recon,
      kl: kl,
      loss: recon + s.beta * kl,
      elbo1: recon + kl,
      floor: -model.logEvidence(s.x, s.w, s.s2),
      gap: model.gap(s.x, s.m, s.sigma2, s.w, s.s2),
      bestSigma2: model.optimalEncoderVar(s.w, s.s2, s.beta),
      posteriorVariance: model.posterior(s.x, s.w, s.s2).variance,
    };
  };

  /** The curves' values at one encoder variance (KL weighted by beta, as in the loss). */
  Explorer.prototype.valuesAt = function (v) {
    var s = this.state;
    var recon = -model.expectedLogLikelihood(s.x, s.m, v, s.w, s.s2);
    var kl = model.klToStandardNormal(s.m, v);
    return { recon: recon, kl: s.beta * kl, loss: recon + s.beta * kl, elbo1: recon + kl };
  };

  /* ---- Drawing ---- */

  Explorer.prototype.buildPlot = function () {
    this.plotBox = this.root.querySelector(".course-explorer__plot");
    var svg = svgElement("svg", {
      class: "course-explorer__svg",
      role: "img",
      "aria-label":
        "Plot of the reconstruction loss, the KL term and −ELBO against the encoder " +
        "variance σ²; the numbers are listed below the plot.",
    });
    this.plotBox.appendChild(svg);
    this.svg = svg;
    var clipId = this.root.id + "-clip";
    var defs = svgElement("defs", {}, svg);
    this.clipRect = svgElement("rect", {}, svgElement("clipPath", { id: clipId }, defs));
    this.axes = svgElement("g", { class: "course-explorer__axes" }, svg);
    var curves = svgElement("g", { "clip-path": "url(#" + clipId + ")" }, svg);
    this.paths = {};
    for (var i = 0; i < CURVES.length; i++) {
      var key = CURVES[i].key;
      this.paths[key] = svgElement("path", { class: "course-explorer__curve is-" + key }, curves);
    }
    var marks = svgElement("g", { class: "course-explorer__marks" }, svg);
    this.gapLine = svgElement("line", { class: "course-explorer__gap" }, marks);
    this.gapText = svgText(marks, 0, 0, "", "course-explorer__label is-gap");
    this.cursor = svgElement("line", { class: "course-explorer__cursor" }, marks);
    this.dots = {};
    ["recon", "kl", "loss"].forEach(function (key) {
      this.dots[key] = svgElement("circle", { r: 4.5, class: "course-explorer__dot is-" + key }, marks);
    }, this);
    this.optimum = svgElement("g", { class: "course-explorer__optimum" }, marks);
    svgElement("path", { d: "M0,-6L6,0L0,6L-6,0Z" }, this.optimum);
    this.optimumText = svgText(marks, 0, 0, "", "course-explorer__label is-optimum", "middle");
  };

  Explorer.prototype.buildLegend = function () {
    var list = this.root.querySelector(".course-explorer__legend");
    this.legend = {};
    for (var i = 0; i < CURVES.length; i++) {
      var item = document.createElement("li");
      var sample = svgElement("svg", { width: 28, height: 10, "aria-hidden": "true", focusable: "false" }, item);
      svgElement("line", { x1: 1, y1: 5, x2: 27, y2: 5, class: "course-explorer__curve is-" + CURVES[i].key }, sample);
      var text = document.createElement("span");
      text.textContent = CURVES[i].label;
      item.appendChild(text);
      list.appendChild(item);
      this.legend[CURVES[i].key] = { item: item, text: text };
    }
  };

  Explorer.prototype.render = function (source) {
    this.draw(this.fill(source), Math.abs(this.state.beta - 1) < 1e-9);
  };

  /** Everything render does but the plot: no layout. Returns the derived numbers. */
  Explorer.prototype.fill = function (source) {
    var d = this.derived();
    this.syncInputs(source, d);
    this.writeReadouts(d, Math.abs(this.state.beta - 1) < 1e-9);
    return d;
  };

  Explorer.prototype.syncInputs = function (source, d) {
    var s = this.state;
    for (var name in this.inputs) {
      var input = this.inputs[name];
      if (input !== source) input.value = String(positionOf(input, s[name]));
      var text = SYMBOLS[name] + " = " + formatParam(name, s[name]);
      var shown = this.root.querySelector('[data-value-of="' + name + '"]');
      if (shown) shown.textContent = text;
      if (name === "sigma2") {
        text += ", reconstruction " + nats(d.recon) + ", KL " + nats(d.kl);
      }
      input.setAttribute("aria-valuetext", text);
    }
  };

  Explorer.prototype.writeReadouts = function (d, betaIsOne) {
    var s = this.state;
    var values = {
      recon: nats(d.recon),
      kl: nats(d.kl),
      loss: nats(d.loss),
      floor: nats(d.floor),
      gap: nats(d.gap),
      best: variance(d.bestSigma2),
    };
    for (var key in values) {
      var dd = this.root.querySelector('[data-readout="' + key + '"]');
      if (dd) dd.textContent = values[key];
    }
    var term = this.root.querySelector('[data-term="loss"]');
    var meaning = this.root.querySelector('[data-meaning="loss"]');
    if (term) term.textContent = betaIsOne ? "−ELBO" : "β-VAE loss";
    if (meaning) meaning.textContent = betaIsOne ? "reconstruction + KL" : "reconstruction + β·KL";
    this.legend.kl.text.textContent = betaIsOne ? "KL term" : "β·KL term";
    this.legend.loss.text.textContent = betaIsOne ? "−ELBO" : "β-VAE loss";
    this.legend.elbo1.item.hidden = betaIsOne;
  };

  Explorer.prototype.draw = function (d, betaIsOne) {
    var s = this.state;
    var width = Math.max(260, this.plotBox.clientWidth || 600);
    var height = width < 520 ? 240 : 300;
    this.width = this.plotBox.clientWidth;
    var box = { left: 46, right: width - 14, top: 12, bottom: height - 44 };
    var lo = this.lo;
    var hi = this.hi;

    // Sample the curves; the y range covers them up to sigma2 = 1 (beyond it both
    // terms rise and would flatten the interesting part) and the current point.
    var samples = [];
    var yMin = Math.min(0, d.floor);
    var yMax = Math.max(d.floor, d.loss, d.elbo1);
    for (var i = 0; i < SAMPLES; i++) {
      var position = lo + ((hi - lo) * i) / (SAMPLES - 1);
      var values = this.valuesAt(Math.pow(10, position));
      samples.push([position, values]);
      var keys = betaIsOne ? ["recon", "kl", "loss"] : ["recon", "kl", "loss", "elbo1"];
      for (var k = 0; k < keys.length; k++) {
        yMin = Math.min(yMin, values[keys[k]]);
        if (position <= 0) yMax = Math.max(yMax, values[keys[k]]);
      }
    }
    var step = niceStep(yMax - yMin, height < 280 ? 4 : 5);
    yMin = Math.floor(yMin / step) * step;
    yMax = Math.ceil((yMax * 1.04) / step) * step;

    function px(position) {
      return box.left + ((position - lo) / (hi - lo)) * (box.right - box.left);
    }
    function py(value) {
      return box.bottom - ((value - yMin) / (yMax - yMin)) * (box.bottom - box.top);
    }

    this.svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    this.svg.setAttribute("width", width);
    this.svg.setAttribute("height", height);
    var axesKey = [width, height, yMin, yMax].join(" ");
    if (axesKey !== this.axesKey) {
      this.axesKey = axesKey;
      this.drawAxes(box, px, py, yMin, yMax, step, width, height);
    }
    this.clipRect.setAttribute("x", box.left);
    this.clipRect.setAttribute("y", box.top);
    this.clipRect.setAttribute("width", box.right - box.left);
    this.clipRect.setAttribute("height", box.bottom - box.top);

    var curveKeys = ["recon", "kl", "loss", "elbo1"];
    for (var c = 0; c < curveKeys.length; c++) {
      var key = curveKeys[c];
      var points = samples.map(function (sample) {
        return [px(sample[0]), py(sample[1][key])];
      });
      this.paths[key].setAttribute("d", pathData(points));
    }
    this.paths.elbo1.style.display = betaIsOne ? "none" : "";
    this.paths.floor.setAttribute("d", pathData([[box.left, py(d.floor)], [box.right, py(d.floor)]]));

    // The current encoder: a cursor line, a dot on each plotted curve, and the gap.
    var cx = px(clamp(Math.log10(s.sigma2), lo, hi));
    var current = this.valuesAt(s.sigma2);
    setLine(this.cursor, cx, box.top, cx, box.bottom);
    this.cursor.setAttribute("data-sigma2", String(s.sigma2));
    for (var dot in this.dots) {
      this.dots[dot].setAttribute("cx", cx.toFixed(1));
      this.dots[dot].setAttribute("cy", clamp(py(current[dot]), box.top, box.bottom).toFixed(1));
    }
    var gapTop = clamp(py(current.elbo1), box.top, box.bottom);
    setLine(this.gapLine, cx, py(d.floor), cx, gapTop);
    // Label the gap on the side away from the optimum, where -ELBO is above the label.
    var rightSide = s.sigma2 >= d.bestSigma2 ? cx < box.right - 70 : cx < box.left + 70;
    this.gapText.textContent = "gap " + fixed(d.gap, 2);
    this.gapText.setAttribute("y", ((py(d.floor) + gapTop) / 2 + 4).toFixed(1));
    this.placeGapLabel(cx, rightSide);
    this.gapText.style.display = d.gap > 0.005 ? "" : "none";

    // The optimum of the plotted loss (the posterior variance when beta = 1).
    var bestPosition = Math.log10(d.bestSigma2);
    var inRange = bestPosition >= lo && bestPosition <= hi;
    var ox = px(bestPosition);
    var oy = py(this.valuesAt(d.bestSigma2).loss);
    this.optimum.setAttribute("transform", "translate(" + ox.toFixed(1) + "," + oy.toFixed(1) + ")");
    this.optimum.setAttribute("data-sigma2", String(d.bestSigma2));
    this.optimum.style.display = inRange ? "" : "none";
    this.optimumText.setAttribute("x", clamp(ox, box.left + 50, box.right - 50).toFixed(1));
    this.optimumText.setAttribute("y", Math.min(oy + 20, box.bottom - 4).toFixed(1));
    this.optimumText.textContent = "best σ² = " + variance(d.bestSigma2);
    this.optimumText.style.display = inRange ? "" : "none";

    // The two labels meet when the cursor nears the optimum: move the gap label to the
    // other side of its bar, and if that is not enough, the optimum's label above it.
    if (inRange && d.gap > 0.005 && this.labelsOverlap()) {
      this.placeGapLabel(cx, !rightSide);
      if (this.labelsOverlap()) this.optimumText.setAttribute("y", (oy - 12).toFixed(1));
    }
  };

  Explorer.prototype.placeGapLabel = function (cx, rightSide) {
    this.gapText.setAttribute("x", (cx + (rightSide ? 8 : -8)).toFixed(1));
    this.gapText.setAttribute("text-anchor", rightSide ? "start" : "end");
  };

  Explorer.prototype.labelsOverlap = function () {
    var a = this.gapText.getBBox();
    var b = this.optimumText.getBBox();
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  };

  function setLine(line, x1, y1, x2, y2) {
    line.setAttribute("x1", Number(x1).toFixed(1));
    line.setAttribute("y1", Number(y1).toFixed(1));
    line.setAttribute("x2", Number(x2).toFixed(1));
    line.setAttribute("y2", Number(y2).toFixed(1));
  }

  Explorer.prototype.drawAxes = function (box, px, py, yMin, yMax, step, width, height) {
    var g = this.axes;
    while (g.firstChild) g.removeChild(g.firstChild);
    var narrow = width < 420;
    for (var i = 0; i < X_TICKS.length; i++) {
      var position = Math.log10(X_TICKS[i]);
      if (position < this.lo - 1e-9 || position > this.hi + 1e-9) continue;
      if (narrow && (X_TICKS[i] === 0.03 || X_TICKS[i] === 3)) continue;
      var x = px(position);
      svgElement("line", { x1: x, y1: box.top, x2: x, y2: box.bottom, class: "course-explorer__grid" }, g);
      svgText(g, x, box.bottom + 16, String(X_TICKS[i]), "course-explorer__tick", "middle");
    }
    for (var k = 0; yMin + k * step <= yMax + step / 2; k++) {
      var y = yMin + k * step;
      var yy = py(y);
      svgElement("line", { x1: box.left, y1: yy, x2: box.right, y2: yy, class: "course-explorer__grid" }, g);
      svgText(g, box.left - 6, yy + 4, fixed(y, step < 1 ? 1 : 0), "course-explorer__tick", "end");
    }
    svgElement("path", {
      d: "M" + box.left + "," + box.top + "V" + box.bottom + "H" + box.right,
      class: "course-explorer__axis",
    }, g);
    svgText(g, (box.left + box.right) / 2, height - 6, "encoder variance σ² (log scale)", "course-explorer__axis-title", "middle");
    var yTitle = svgText(g, 0, 0, "nats", "course-explorer__axis-title", "middle");
    yTitle.setAttribute("transform", "translate(12," + (box.top + box.bottom) / 2 + ") rotate(-90)");
  };

  /* ---- The spoken summary: once the reader pauses, not on every step ---- */

  Explorer.prototype.scheduleAnnouncement = function () {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () {
      self.announce();
    }, 700);
  };

  Explorer.prototype.announce = function () {
    var s = this.state;
    var d = this.derived();
    var betaIsOne = Math.abs(s.beta - 1) < 1e-9;
    var name = betaIsOne ? "−ELBO" : "The β-VAE loss";
    var text =
      "At σ² = " + variance(s.sigma2) + " the reconstruction loss is " + nats(d.recon) +
      " and the KL term " + nats(d.kl) + ", so −ELBO is " + nats(d.elbo1) + ", " +
      nats(d.gap) + " above −log p(x). " + name + " is lowest at σ² = " +
      variance(d.bestSigma2) +
      (betaIsOne ? ", the true posterior variance." : "; the true posterior variance is " + variance(d.posteriorVariance) + ".");
    var status = this.root.querySelector("[data-status]");
    if (status && status.textContent !== text) status.textContent = text;
  };

  /* ---- Start-up, on every page Material shows (instant navigation included) ---- */

  // Explorers set up on the pages shown (started or waiting to be), and the observer that
  // starts each as it comes near the viewport.
  var live = [];
  var nearby = null;

  // How near: two screens above or below. Drawing an explorer is a long task (it lays the
  // explorer out); run during a lesson's load, it counted in the page's blocking time, for
  // an explorer far down the lesson (issue 12). Two screens ahead, it is ready before it
  // is reached, and on a phone in portrait or a desktop it replaces its figure before
  // Chromium fetches that lazy image (1,250 px ahead on a fast connection), so no one
  // downloads it for nothing. A percentage: reading the window's height would lay out.
  var NEAR = "200% 0px";

  function initAll() {
    live = live.filter(function (explorer) {
      if (explorer.root.isConnected) return true;
      explorer.dispose();
      return false;
    });
    var roots = document.querySelectorAll(".course-explorer:not([data-explorer-queued])");
    for (var i = 0; i < roots.length; i++) {
      roots[i].setAttribute("data-explorer-queued", "");
      var explorer = attempt(roots[i], function (root) {
        return new Explorer(root);
      });
      if (!explorer) continue;
      live.push(explorer);
      if (typeof IntersectionObserver === "function") {
        observer().observe(explorer.root);
      } else {
        startSoon(explorer);
      }
    }
  }

  function observer() {
    if (!nearby) {
      nearby = new IntersectionObserver(function (entries) {
        for (var i = 0; i < entries.length; i++) {
          if (!entries[i].isIntersecting) continue;
          nearby.unobserve(entries[i].target);
          for (var k = 0; k < live.length; k++) {
            if (live[k].root === entries[i].target) startSoon(live[k]);
          }
        }
      }, { rootMargin: NEAR });
    }
    return nearby;
  }

  // Each explorer starts in a task of its own (two may come near together).
  function startSoon(explorer) {
    window.setTimeout(function () {
      startNow(explorer);
    }, 0);
  }

  function startNow(explorer) {
    if (explorer.started || !explorer.root.isConnected) return;
    if (nearby) nearby.unobserve(explorer.root);
    attempt(explorer.root, function () {
      explorer.start();
      return explorer;
    });
  }

  function attempt(root, step) {
    try {
      return step(root);
    } catch (error) {
      // Leave the static figure in place; say why for whoever maintains the page.
      root.querySelector(".course-explorer__fallback").hidden = false;
      root.querySelector(".course-explorer__app").hidden = true;
      if (window.console) console.warn("course explorer:", error);
      return null;
    }
  }

  // A printout shows every explorer as the reader left it, or as authored if it has not
  // started yet; the page is printed as it is once this returns, so they start now.
  window.addEventListener("beforeprint", function () {
    live.forEach(startNow);
  });

  window.courseExplorer = { model: model };

  // Material's document$ emits on every page instant navigation shows. From file://
  // (instant navigation off) it never emits, so the first page also starts the
  // ordinary way; initAll skips explorers already set up. It runs at once too. The
  // page's scripts run after the end of parsing (overrides/partials/course-start.html),
  // often after the first paint: an explorer on that first screen then pushes what
  // follows it down once, when its controls take their place (no lesson has one there;
  // the layout-shift test covers every page).
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(initAll);
  }
  initAll();
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  }
})();
