// The browser side of quotemark's bridge: storage, files, selection and
// highlight painting. It holds no domain rules: offsets arrive and leave as
// UTF-16 units of the article's single text node, and the Go side converts
// them to and from the format's code points.
"use strict";

window.quotemark = (() => {
  const DB_NAME = "quotemark";
  const STORE = "kv";
  let dbPromise = null;

  function db() {
    if (!dbPromise) {
      dbPromise = new Promise((resolve, reject) => {
        const req = indexedDB.open(DB_NAME, 1);
        req.onupgradeneeded = () => req.result.createObjectStore(STORE);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
        req.onblocked = () => reject(new Error("the browser's storage is blocked by another tab"));
      });
    }
    return dbPromise;
  }

  function storageError(err) {
    if (err && err.name === "QuotaExceededError") {
      const e = new Error("the browser's storage is full: export your sets, then free space");
      e.name = "QuotaExceededError";
      return e;
    }
    return err instanceof Error ? err : new Error(String(err));
  }

  // Writes ask for strict durability: the browser reports a write done only
  // once it is on disk, so a crash of the browser or of the machine after
  // "Saved" loses nothing (with relaxed durability, which a browser may
  // choose by default, it can report it before).
  const WRITE_OPTIONS = { durability: "strict" };

  // tx runs work(store, t) in one transaction and resolves to what work's
  // result resolves to, once the transaction is complete. A write's work
  // calls commit(t) once it has made its last request, so that the commit
  // does not wait for each request's success to come back to this page,
  // which is busy while the app renders (see commit).
  async function tx(mode, work) {
    const conn = await db();
    return new Promise((resolve, reject) => {
      const t = mode === "readwrite" ? conn.transaction(STORE, mode, WRITE_OPTIONS) : conn.transaction(STORE, mode);
      const store = t.objectStore(STORE);
      let result;
      const fail = (err) => {
        try { t.abort(); } catch (_) { /* already finished */ }
        reject(storageError(err));
      };
      // A put can throw at once (a full store raises QuotaExceededError
      // synchronously as well as on the transaction): abort, and report it
      // the same way.
      try {
        Promise.resolve(work(store, t)).then((r) => { result = r; }, fail);
      } catch (err) {
        fail(err);
        return;
      }
      t.oncomplete = () => resolve(result);
      t.onerror = () => reject(storageError(t.error));
      t.onabort = () => reject(storageError(t.error));
    });
  }

  // commit asks for the transaction's commit now rather than when the page
  // has seen every request succeed: those successes are events on this
  // page's main thread, which queue behind the app's work, and the commit
  // (and so what a crash keeps) waited for them.
  function commit(t) {
    if (typeof t.commit === "function") t.commit();
  }

  function request(req) {
    return new Promise((resolve, reject) => {
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  }

  // get resolves to the stored string or null.
  function get(key) {
    return tx("readonly", (s) => request(s.get(key))).then((v) => (v === undefined ? null : v));
  }

  // put writes several keys in one transaction: all or nothing.
  function put(entries) {
    return tx("readwrite", (s, t) => { for (const [k, v] of entries) s.put(v, k); commit(t); });
  }

  function del(keys) {
    return tx("readwrite", (s, t) => { for (const k of keys) s.delete(k); commit(t); });
  }

  function prefixRange(prefix) {
    return IDBKeyRange.bound(prefix, prefix + "\uffff");
  }

  // Each set has a version stamp, "N WRITER", under "ver/ARTICLE/SET": N
  // counts the writes the set has had, WRITER names the one that made it.
  // A write made from what a tab knew of a set names the stamp it expects
  // (guard); the transaction reads the stamp, and if another write came
  // first it changes nothing and fails with a VersionConflict, so that the
  // tab reads the set back and merges instead of writing over newer work.
  // A write that clears a set's records (a set written whole by an import,
  // an archive or a re-anchoring) moves its stamp without a guard.
  const writerID = (crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2)) + ".";
  let writeSeq = 0;

  function setOfPrefix(prefix) {
    const m = /^rec\/(.+)\/([^/]+)\/$/.exec(prefix);
    return m ? { prefix, article: m[1], set: m[2], verKey: "ver/" + m[1] + "/" + m[2] } : null;
  }

  function stampNumber(stamp) {
    return parseInt(stamp, 10) || 0;
  }

  class VersionConflict extends Error {
    constructor(set, expected, stored) {
      super("set " + set + " was changed elsewhere (stored version " + (stored || "none") + ", this write expected " + (expected || "none") + ")");
      this.name = "VersionConflict";
      this.stored = stored;
    }
  }

  // Changes committed here go to the app's other tabs (BroadcastChannel
  // reaches every page of this origin in this browser, not this one).
  const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel("quotemark-store") : null;
  const changeListeners = new Set();
  let held = null; // messages kept back by holdStoreChanges
  if (channel) {
    channel.onmessage = (e) => {
      if (held) held.push(e.data);
      else for (const fn of changeListeners) fn(e.data);
    };
  }

  // holdStoreChanges keeps the other tabs' messages back while on and
  // delivers them when turned off: the browser tests make two tabs write at
  // once with it, which otherwise depends on timing.
  function holdStoreChanges(on) {
    if (on) {
      held = held || [];
      return;
    }
    const msgs = held || [];
    held = null;
    for (const m of msgs) for (const fn of changeListeners) fn(m);
  }

  // onStoreChange calls fn(msg) for each write another tab commits:
  // {article, set, prev, stamp, whole, puts: [[key, value]], dels: [key]},
  // keys relative to the set; whole means the set was written whole and is
  // to be read back. It returns a func that stops it.
  function onStoreChange(fn) {
    changeListeners.add(fn);
    return () => changeListeners.delete(fn);
  }

  // pendingWrites counts writes not yet settled, for the notice shown if
  // the Go side stops.
  let pendingWrites = 0;

  // write applies one change in one transaction, all or nothing: first it
  // deletes every key under each of clearPrefixes (a set written whole),
  // then the keys in dels, then puts the [key, value] pairs. guard, when
  // given, is {prefix, expect, stamp}: the set under prefix must have the
  // stamp expect, and gets stamp. It resolves to the stamps it stored, one
  // {article, set, prev, stamp} per set.
  function write(clearPrefixes, dels, puts, guard) {
    const sets = [];
    // guard may be a list: a deletion of an article guards each of its sets.
    for (const g of Array.isArray(guard) ? guard : guard ? [guard] : []) {
      const guarded = setOfPrefix(g.prefix);
      if (guarded) sets.push(Object.assign(guarded, { expect: g.expect, next: g.stamp, whole: clearPrefixes.includes(g.prefix) }));
    }
    for (const p of clearPrefixes) {
      const x = setOfPrefix(p);
      if (x && !sets.some((y) => y.verKey === x.verKey)) sets.push(Object.assign(x, { whole: true }));
    }
    pendingWrites++;
    const done = tx("readwrite", (s, t) => new Promise((resolve, reject) => {
      const apply = () => {
        try {
          for (const x of sets) {
            if (x.expect !== undefined && x.prev !== x.expect) throw new VersionConflict(x.set, x.expect, x.prev);
            if (x.next === undefined) x.next = (stampNumber(x.prev) + 1) + " " + writerID + (++writeSeq);
          }
          for (const x of sets) s.put(x.next, x.verKey);
          for (const p of clearPrefixes) s.delete(prefixRange(p));
          for (const k of dels) s.delete(k);
          for (const [k, v] of puts) s.put(v, k);
          commit(t);
          resolve(sets.map((x) => ({ article: x.article, set: x.set, prev: x.prev, stamp: x.next })));
        } catch (err) {
          reject(err);
        }
      };
      let left = sets.length;
      if (left === 0) { apply(); return; }
      for (const x of sets) {
        const r = s.get(x.verKey);
        r.onsuccess = () => { x.prev = r.result === undefined ? "" : String(r.result); if (--left === 0) apply(); };
        r.onerror = () => reject(r.error);
      }
    }));
    return done.then((stamps) => {
      pendingWrites--;
      if (channel) announce(sets, dels, puts);
      return stamps;
    }, (err) => {
      pendingWrites--;
      throw err;
    });
  }

  // announce tells the other tabs what a committed write did to each set:
  // a set written whole is for them to read back; a change carries its
  // records, so that they apply it without reading the set.
  function announce(sets, dels, puts) {
    for (const x of sets) {
      const msg = { article: x.article, set: x.set, prev: x.prev, stamp: x.next, whole: !!x.whole, puts: [], dels: [] };
      if (!x.whole) {
        const n = x.prefix.length;
        for (const k of dels) if (k.startsWith(x.prefix)) msg.dels.push(k.slice(n));
        for (const [k, v] of puts) if (k.startsWith(x.prefix)) msg.puts.push([k.slice(n), v]);
      }
      channel.postMessage(msg);
    }
  }

  // browserID resolves to this browser's name for the app, made on first
  // use in one transaction, so that tabs opened at once agree on it.
  function browserID() {
    return tx("readwrite", (s, t) => new Promise((resolve, reject) => {
      const r = s.get("settings/browser-id");
      r.onsuccess = () => {
        let id = r.result;
        if (id === undefined) {
          id = crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2);
          s.put(id, "settings/browser-id");
        }
        commit(t);
        resolve(String(id));
      };
      r.onerror = () => reject(r.error);
    }));
  }

  // writeJoined is write with the n records to put given as their keys and
  // their values, each joined with NUL.
  function writeJoined(clearPrefixes, dels, n, keys, values, guard) {
    const ks = n ? keys.split("\0") : [], vs = n ? values.split("\0") : [];
    if (ks.length !== n || vs.length !== n) {
      return Promise.reject(new Error(n + " records came as " + ks.length + " keys and " + vs.length + " values"));
    }
    return write(clearPrefixes, dels, ks.map((k, i) => [k, vs[i]]), guard);
  }

  // listJoined resolves to {keys, values}: the keys and values under prefix,
  // each joined with NUL. Two strings cross into Go instead of two per
  // record; stored keys are ASCII and values are JSON, which escapes NUL.
  function listJoined(prefix) {
    return tx("readonly", (s) => joinedRange(s, prefix));
  }

  async function joinedRange(s, prefix) {
    const range = prefixRange(prefix);
    const [keys, values] = await Promise.all([request(s.getAllKeys(range)), request(s.getAll(range))]);
    return { n: keys.length, keys: keys.join("\0"), values: values.join("\0") };
  }

  // listJoinedAll is listJoined for each prefix, all read in one
  // transaction, so that what they hold is of one moment.
  function listJoinedAll(prefixes) {
    return tx("readonly", (s) => Promise.all(prefixes.map((p) => joinedRange(s, p))));
  }

  // keysJoined resolves to the keys under prefix joined with NUL.
  function keysJoined(prefix) {
    return tx("readonly", async (s) => {
      const keys = await request(s.getAllKeys(prefixRange(prefix)));
      return { n: keys.length, keys: keys.join("\0") };
    });
  }

  // list resolves to [[key, value], ...] for keys starting with prefix.
  function list(prefix) {
    return tx("readonly", async (s) => {
      const range = IDBKeyRange.bound(prefix, prefix + "\uffff");
      const [keys, values] = await Promise.all([request(s.getAllKeys(range)), request(s.getAll(range))]);
      return keys.map((k, i) => [k, values[i]]);
    });
  }

  async function fetchText(url) {
    const res = await fetch(url, { cache: "no-store" });
    const text = await res.text();
    return { status: res.status, text };
  }

  // readFile resolves to {name, size, bytes} with bytes a Uint8Array.
  async function readFile(file) {
    const buf = await file.arrayBuffer();
    return { name: file.name, size: file.size, bytes: new Uint8Array(buf) };
  }

  function download(name, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.style.display = "none";
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  // The article's text lives in a frame of its own (see articleText in
  // app/articletext.go): Chromium rebuilds every custom highlight of a
  // document after any change to that document's DOM or style, so with the
  // text beside the sidebar each row drawn or status shown repainted every
  // highlight (66-150 ms a frame at 10,000). The frame's document holds the
  // text and its highlights; the page around it changes freely.
  const FRAME_ID = "article-frame";

  function frame() {
    const f = document.getElementById(FRAME_ID);
    return f && f.contentDocument ? f : null;
  }

  // textDoc is the document holding the article's text: the frame's, or the
  // page's where there is no frame.
  function textDoc() {
    const f = frame();
    return f ? f.contentDocument : document;
  }

  function textWin() {
    const f = frame();
    return f ? f.contentWindow : window;
  }

  function textEl(id) { return textDoc().getElementById(id); }


  // frameCSS is the page's own style rules, so the frame's text looks and
  // highlights as the page says.
  function frameCSS() {
    const out = [];
    for (const sheet of document.styleSheets) {
      let rules;
      try { rules = sheet.cssRules; } catch (_) { continue; } // another origin's
      for (const r of rules) out.push(r.cssText);
    }
    return out.join("\n");
  }

  // showText puts text into the frame frameID as the element textID: on the
  // frame's first use it styles its document and passes its mouse-up and
  // key presses on to the page (a mouse-up as one on the frame element, in
  // the frame's coordinates, which caretAt takes).
  function showText(frameID, textID, text) {
    const f = document.getElementById(frameID);
    const doc = f && f.contentDocument;
    if (!doc) return false;
    let el = doc.getElementById(textID);
    if (!el) {
      doc.documentElement.lang = document.documentElement.lang || "en";
      const style = doc.createElement("style");
      style.textContent = frameCSS();
      doc.head.append(style);
      doc.body.className = "article-frame-body";
      el = doc.createElement("div");
      el.id = textID;
      el.className = "article-text";
      doc.body.append(el);
      // The text takes the focus (Tab reaches it) and is named for
      // assistive technology; its keys go to the caret first (see
      // handleArticleKey).
      el.tabIndex = 0;
      el.setAttribute("role", "document");
      el.setAttribute("aria-label", "Article text");
      el.addEventListener("keydown", handleArticleKey);
      // Focus shows the caret where it was (Go paints it; see onArticleKey).
      el.addEventListener("focus", () => { for (const fn of articleKeyHandlers) fn("Focus", false, false, false); });
      doc.addEventListener("mouseup", (e) => {
        f.dispatchEvent(new MouseEvent("mouseup", { bubbles: true, clientX: e.clientX, clientY: e.clientY, button: e.button, detail: e.detail }));
      });
      f.contentWindow.addEventListener("keydown", handleKey);
    }
    if (el.textContent !== text) {
      el.textContent = text;
      if (layersDoc === doc) clearLayers();
    }
    return true;
  }

  function textNode(el) {
    return el && el.firstChild && el.firstChild.nodeType === Node.TEXT_NODE ? el.firstChild : null;
  }

  // offsetIn maps a DOM boundary point to a UTF-16 offset in el's text, or -1
  // when it lies outside el.
  function offsetIn(el, node, offset) {
    const text = textNode(el);
    if (!text) return -1;
    if (node === text) return offset;
    if (node === el) return offset === 0 ? 0 : text.length;
    if (!el.contains(node)) return -1;
    return 0;
  }

  // selection returns [start, end] in UTF-16 units, or null when the
  // selection is collapsed or not inside el.
  function selection(id) {
    const el = textEl(id);
    const sel = textWin().getSelection();
    if (!el || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const r = sel.getRangeAt(0);
    let start = offsetIn(el, r.startContainer, r.startOffset);
    let end = offsetIn(el, r.endContainer, r.endOffset);
    const text = textNode(el);
    if (!text) return null;
    // A selection that starts before or ends after the text is clipped to it.
    if (start < 0 && r.isPointInRange(text, 0)) start = 0;
    if (end < 0 && r.isPointInRange(text, text.length)) end = text.length;
    if (start < 0 || end < 0 || start === end) return null;
    return [start, end];
  }

  function clearSelection() {
    for (const w of new Set([textWin(), window])) {
      const sel = w.getSelection();
      if (sel) sel.removeAllRanges();
    }
  }

  // caretAt returns the UTF-16 offset of the character under the point, or -1.
  function caretAt(id, x, y) {
    const doc = textDoc();
    const el = doc.getElementById(id);
    const text = textNode(el);
    if (!text) return -1;
    let node, offset;
    if (doc.caretPositionFromPoint) {
      const p = doc.caretPositionFromPoint(x, y);
      if (!p) return -1;
      node = p.offsetNode; offset = p.offset;
    } else if (doc.caretRangeFromPoint) {
      const r = doc.caretRangeFromPoint(x, y);
      if (!r) return -1;
      node = r.startContainer; offset = r.startOffset;
    } else {
      return -1;
    }
    if (node !== text) return -1;
    // The caret sits between characters; take the one whose box holds x.
    if (offset > 0) {
      const r = doc.createRange();
      r.setStart(text, offset - 1);
      r.setEnd(text, offset);
      for (const box of r.getClientRects()) {
        if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) return offset - 1;
      }
    }
    return offset;
  }

  // markPainted tells tests and benchmarks that the text and its highlights
  // are shown: data-ready once, data-painted counts every change. They go on
  // the frame element, so setting them changes nothing in the text's document.
  let paintCount = 0;
  function markPainted(el) {
    if (!el) return;
    el.setAttribute("data-ready", "true");
    el.setAttribute("data-painted", String(++paintCount));
  }

  // Layers are highlights kept range by range, so that a change moves only
  // the ranges it touched: name -> {hl: Highlight, ranges: Map(key -> Range)}.
  // layersDoc is the document they paint; a new frame starts them afresh.
  const layers = new Map();
  let layersDoc = null;

  function clearLayers() {
    const win = layersDoc && layersDoc.defaultView;
    if (win && win.CSS && win.CSS.highlights) {
      for (const name of layers.keys()) win.CSS.highlights.delete(name);
    }
    layers.clear();
  }

  // marks applies ops (JSON) to the layers: ["reset", [names, lowest
  // priority first]], ["put", name, key, start, end] (UTF-16 units),
  // ["del", name, key], ["clear", name].
  function marks(id, opsJSON) {
    const doc = textDoc(), win = doc.defaultView;
    const el = doc.getElementById(id);
    if (!win || !win.CSS || !win.CSS.highlights || typeof win.Highlight === "undefined") {
      markPainted(frame());
      return false;
    }
    if (layersDoc !== doc) {
      clearLayers();
      layersDoc = doc;
    }
    const text = textNode(el);
    for (const op of JSON.parse(opsJSON)) {
      switch (op[0]) {
        case "reset":
          clearLayers();
          op[1].forEach((name, priority) => {
            const hl = new win.Highlight();
            hl.priority = priority;
            win.CSS.highlights.set(name, hl);
            layers.set(name, { hl, ranges: new Map() });
          });
          break;
        case "put": {
          const l = layers.get(op[1]);
          if (!l || !text) break;
          const old = l.ranges.get(op[2]);
          if (old) l.hl.delete(old);
          const r = doc.createRange();
          r.setStart(text, Math.min(op[3], text.length));
          r.setEnd(text, Math.min(op[4], text.length));
          l.hl.add(r);
          l.ranges.set(op[2], r);
          break;
        }
        case "del": {
          const l = layers.get(op[1]);
          const r = l && l.ranges.get(op[2]);
          if (r) { l.hl.delete(r); l.ranges.delete(op[2]); }
          break;
        }
        case "clear": {
          const l = layers.get(op[1]);
          if (l) { l.hl.clear(); l.ranges.clear(); }
          break;
        }
      }
    }
    markPainted(frame());
    return true;
  }

  // scrollTo brings the UTF-16 offset into the middle third of el's
  // scrolling container.
  function scrollTo(id, offset) {
    const doc = textDoc();
    const el = doc.getElementById(id);
    const text = textNode(el);
    if (!text) return;
    const r = doc.createRange();
    r.setStart(text, Math.min(offset, text.length));
    r.setEnd(text, Math.min(offset + 1, text.length));
    const box = r.getBoundingClientRect();
    const pane = doc.scrollingElement;
    const height = doc.defaultView.innerHeight;
    if (box.top < 0 || box.bottom > height) {
      pane.scrollTop += box.top - height / 3;
    }
  }

  // onKey calls fn(key, ctrl, shift, alt) for key presses outside form
  // fields, in the page or in the article's frame; fn returns true when it
  // handled the key.
  const keyHandlers = new Set();

  function handleKey(e) {
    const t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    for (const fn of keyHandlers) {
      if (fn(e.key, e.ctrlKey || e.metaKey, e.shiftKey, e.altKey)) {
        e.preventDefault();
        return;
      }
    }
  }
  window.addEventListener("keydown", handleKey);

  function onKey(fn) {
    keyHandlers.add(fn);
    return () => keyHandlers.delete(fn);
  }

  // --- The keyboard caret in the article text (app/article_caret.go) ---
  // Go keeps the caret and its selection; this paints them: the caret as
  // the "qm-caret" highlight over the character after it (a highlight, so
  // the text's document is not changed on a key press), a selection as the
  // frame's DOM selection, which tagging reads like a mouse's. The frame
  // element's data-caret (in the page, not the text's document) tells tests
  // where it is, in UTF-16 units, and data-caret-paints counts the paints.
  const articleKeyHandlers = new Set();
  let caretHL = null;
  let caretPaints = 0;

  function handleArticleKey(e) {
    for (const fn of articleKeyHandlers) {
      if (fn(e.key, e.ctrlKey || e.metaKey, e.shiftKey, e.altKey)) {
        e.preventDefault();
        e.stopPropagation();
        return;
      }
    }
  }

  function onArticleKey(fn) {
    articleKeyHandlers.add(fn);
    return () => articleKeyHandlers.delete(fn);
  }

  function showCaret(id, at, atEnd, start, end, backward, scroll) {
    const doc = textDoc(), win = doc.defaultView;
    const text = textNode(doc.getElementById(id));
    if (!text) return;
    const clamp = (v) => Math.max(0, Math.min(v, text.length));
    if (win.CSS && win.CSS.highlights && typeof win.Highlight !== "undefined") {
      if (!caretHL || win.CSS.highlights.get("qm-caret") !== caretHL) {
        caretHL = new win.Highlight();
        caretHL.priority = 1000;
        win.CSS.highlights.set("qm-caret", caretHL);
      }
      caretHL.clear();
      if (atEnd > at) {
        const r = doc.createRange();
        r.setStart(text, clamp(at));
        r.setEnd(text, clamp(atEnd));
        caretHL.add(r);
      }
    }
    const sel = win.getSelection();
    if (sel && start >= 0) {
      if (end > start) {
        if (backward) sel.setBaseAndExtent(text, clamp(end), text, clamp(start));
        else sel.setBaseAndExtent(text, clamp(start), text, clamp(end));
      } else if (sel.rangeCount > 0) {
        sel.removeAllRanges();
      }
    }
    if (scroll) scrollTo(id, at);
    const f = frame();
    if (f) {
      f.dataset.caret = String(at);
      f.dataset.caretPaints = String(++caretPaints);
    }
  }

  // setUnsaved says whether the app holds changes that storage refused: while
  // it does, leaving or reloading the page asks first.
  let unsaved = false;
  function setUnsaved(v) {
    unsaved = !!v;
    document.documentElement.toggleAttribute("data-unsaved", unsaved);
  }
  window.addEventListener("beforeunload", (e) => {
    if (!unsaved) return;
    e.preventDefault();
    e.returnValue = "";
  });

  // If the Go program ends (a panic outside the app's recovered paths, or
  // an exit), every handler of the page calls into nothing: tags seem to
  // work and vanish. wasm_exec.js's Go.run resolves when the program ends;
  // watchGo wraps it, whenever wasm_exec.js defines Go (after this script,
  // which is not deferred), and covers the page with a notice at once.
  function watchGo(Go) {
    if (!Go || !Go.prototype || Go.prototype.quotemarkWatched) return;
    const run = Go.prototype.run;
    Go.prototype.quotemarkWatched = true;
    Go.prototype.run = function (instance) {
      const exit = this.exit;
      let code = null;
      this.exit = (c) => { code = c; exit.call(this, c); };
      const p = run.call(this, instance);
      p.then(() => goStopped("it exited with code " + code), (err) => goStopped(String(err && err.message || err)));
      return p;
    };
  }
  if (window.Go) {
    watchGo(window.Go);
  } else {
    let goClass;
    Object.defineProperty(window, "Go", {
      configurable: true,
      enumerable: true,
      get() { return goClass; },
      set(v) { goClass = v; watchGo(v); },
    });
  }

  // goStopped shows that the app has stopped and offers a reload. Its style
  // is inline: the page's stylesheet belongs to the app, which may be what
  // broke.
  function goStopped(why) {
    if (document.getElementById("qm-stopped")) return;
    const box = document.createElement("div");
    box.id = "qm-stopped";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-label", "quotemark stopped");
    box.dataset.goExited = "true";
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;display:flex;align-items:center;justify-content:center;background:rgba(20,30,45,.55);font:16px/1.5 system-ui,sans-serif";
    const panel = document.createElement("div");
    panel.style.cssText = "max-width:32rem;margin:1rem;padding:1.25rem 1.5rem;background:#fff;color:#1b1b1b;border-left:6px solid #b42318;border-radius:6px;box-shadow:0 8px 30px rgba(0,0,0,.3)";
    const title = document.createElement("p");
    title.style.cssText = "margin:0 0 .5rem;font-weight:700";
    title.textContent = "quotemark has stopped working.";
    const text = document.createElement("p");
    text.style.cssText = "margin:0 0 1rem";
    const saving = unsaved ? " Changes the browser's storage had refused were only in the app and are lost with it."
      : pendingWrites > 0 ? " The last change was still being saved when it stopped and may be lost."
        : " Every change made before it stopped is saved.";
    text.textContent = "The app's program ended (" + why + "), so nothing you do on this page takes effect any more." + saving + " Reload the page to go on.";
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Reload";
    button.style.cssText = "font:inherit;padding:.35rem 1rem;cursor:pointer";
    button.addEventListener("click", () => location.reload());
    panel.append(title, text, button);
    box.append(panel);
    (document.body || document.documentElement).append(box);
    button.focus();
  }

  return { get, put, del, write, writeJoined, list, listJoined, listJoinedAll, keysJoined, browserID, onStoreChange, holdStoreChanges, setUnsaved, marks, fetchText, readFile, download, showText, selection, clearSelection, caretAt, scrollTo, onKey, onArticleKey, showCaret };
})();
