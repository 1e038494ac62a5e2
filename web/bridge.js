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
      return new Error("the browser's storage is full: export your sets, then free space");
    }
    return err instanceof Error ? err : new Error(String(err));
  }

  async function tx(mode, work) {
    const conn = await db();
    return new Promise((resolve, reject) => {
      const t = conn.transaction(STORE, mode);
      const store = t.objectStore(STORE);
      let result;
      // A put can throw at once (a full store raises QuotaExceededError
      // synchronously as well as on the transaction): abort, and report it
      // the same way.
      try {
        Promise.resolve(work(store)).then((r) => { result = r; }, (err) => { reject(storageError(err)); });
      } catch (err) {
        try { t.abort(); } catch (_) { /* already finished */ }
        reject(storageError(err));
        return;
      }
      t.oncomplete = () => resolve(result);
      t.onerror = () => reject(storageError(t.error));
      t.onabort = () => reject(storageError(t.error));
    });
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
    return tx("readwrite", (s) => { for (const [k, v] of entries) s.put(v, k); });
  }

  function del(keys) {
    return tx("readwrite", (s) => { for (const k of keys) s.delete(k); });
  }

  function prefixRange(prefix) {
    return IDBKeyRange.bound(prefix, prefix + "\uffff");
  }

  // write applies one change in one transaction, all or nothing: first it
  // deletes every key under each of clearPrefixes (a set written whole),
  // then the keys in dels, then puts the [key, value] pairs.
  function write(clearPrefixes, dels, puts) {
    return tx("readwrite", (s) => {
      for (const p of clearPrefixes) s.delete(prefixRange(p));
      for (const k of dels) s.delete(k);
      for (const [k, v] of puts) s.put(v, k);
    });
  }

  // listJoined resolves to {keys, values}: the keys and values under prefix,
  // each joined with NUL. Two strings cross into Go instead of two per
  // record; stored keys are ASCII and values are JSON, which escapes NUL.
  function listJoined(prefix) {
    return tx("readonly", async (s) => {
      const range = prefixRange(prefix);
      const [keys, values] = await Promise.all([request(s.getAllKeys(range)), request(s.getAll(range))]);
      return { n: keys.length, keys: keys.join("\0"), values: values.join("\0") };
    });
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
    const el = document.getElementById(id);
    const sel = window.getSelection();
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
    const sel = window.getSelection();
    if (sel) sel.removeAllRanges();
  }

  // caretAt returns the UTF-16 offset of the character under the point, or -1.
  function caretAt(id, x, y) {
    const el = document.getElementById(id);
    const text = textNode(el);
    if (!text) return -1;
    let node, offset;
    if (document.caretPositionFromPoint) {
      const p = document.caretPositionFromPoint(x, y);
      if (!p) return -1;
      node = p.offsetNode; offset = p.offset;
    } else if (document.caretRangeFromPoint) {
      const r = document.caretRangeFromPoint(x, y);
      if (!r) return -1;
      node = r.startContainer; offset = r.startOffset;
    } else {
      return -1;
    }
    if (node !== text) return -1;
    // The caret sits between characters; take the one whose box holds x.
    if (offset > 0) {
      const r = document.createRange();
      r.setStart(text, offset - 1);
      r.setEnd(text, offset);
      for (const box of r.getClientRects()) {
        if (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom) return offset - 1;
      }
    }
    return offset;
  }

  // markPainted tells tests and benchmarks that the text and its highlights
  // are shown: data-ready once, data-painted counts every change.
  let paintCount = 0;
  function markPainted(el) {
    if (!el) return;
    el.setAttribute("data-ready", "true");
    el.setAttribute("data-painted", String(++paintCount));
  }

  // Layers are highlights kept range by range, so that a change moves only
  // the ranges it touched: name -> {hl: Highlight, ranges: Map(key -> Range)}.
  const layers = new Map();

  function clearLayers() {
    for (const name of layers.keys()) CSS.highlights.delete(name);
    layers.clear();
  }

  // marks applies ops (JSON) to the layers: ["reset", [names, lowest
  // priority first]], ["put", name, key, start, end] (UTF-16 units),
  // ["del", name, key], ["clear", name].
  function marks(id, opsJSON) {
    const el = document.getElementById(id);
    if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") {
      markPainted(el);
      return false;
    }
    const text = textNode(el);
    for (const op of JSON.parse(opsJSON)) {
      switch (op[0]) {
        case "reset":
          clearLayers();
          op[1].forEach((name, priority) => {
            const hl = new Highlight();
            hl.priority = priority;
            CSS.highlights.set(name, hl);
            layers.set(name, { hl, ranges: new Map() });
          });
          break;
        case "put": {
          const l = layers.get(op[1]);
          if (!l || !text) break;
          const old = l.ranges.get(op[2]);
          if (old) l.hl.delete(old);
          const r = new Range();
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
    markPainted(el);
    return true;
  }

  // scrollTo brings the UTF-16 offset into the middle third of el's
  // scrolling container.
  function scrollTo(id, offset) {
    const el = document.getElementById(id);
    const text = textNode(el);
    if (!text) return;
    const r = document.createRange();
    r.setStart(text, Math.min(offset, text.length));
    r.setEnd(text, Math.min(offset + 1, text.length));
    const box = r.getBoundingClientRect();
    const pane = el.closest("[data-scroll]") || document.scrollingElement;
    const paneBox = pane === document.scrollingElement ? { top: 0, height: window.innerHeight } : pane.getBoundingClientRect();
    if (box.top < paneBox.top || box.bottom > paneBox.top + paneBox.height) {
      pane.scrollTop += box.top - paneBox.top - paneBox.height / 3;
    }
  }

  // onKey calls fn(key, ctrl, shift, alt) for key presses outside form fields;
  // fn returns true when it handled the key.
  function onKey(fn) {
    const handler = (e) => {
      const t = e.target;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (fn(e.key, e.ctrlKey || e.metaKey, e.shiftKey, e.altKey)) e.preventDefault();
    };
    window.addEventListener("keydown", handler);
    return () => window.removeEventListener("keydown", handler);
  }

  return { get, put, del, write, list, listJoined, keysJoined, marks, fetchText, readFile, download, selection, clearSelection, caretAt, scrollTo, onKey };
})();
