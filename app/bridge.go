package app

import (
	"errors"
	"fmt"
	"strings"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The functions here are the Go side of web/bridge.js. Those returning
// promises block until the promise settles, so they must run in ctx.Async,
// never on the UI goroutine.

func bridge() goapp.Value { return goapp.Window().Get("quotemark") }

var errNotInBrowser = errors.New("not running in a browser")

// await blocks until a JavaScript promise settles.
func await(promise goapp.Value) (goapp.Value, error) {
	if goapp.IsServer {
		return goapp.Undefined(), errNotInBrowser // prerendering: no promise will settle
	}
	type result struct {
		v   goapp.Value
		err error
	}
	done := make(chan result, 1)
	var onOK, onErr goapp.Func
	onOK = goapp.FuncOf(func(_ goapp.Value, args []goapp.Value) any {
		v := goapp.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		done <- result{v: v}
		return nil
	})
	onErr = goapp.FuncOf(func(_ goapp.Value, args []goapp.Value) any {
		err := &jsError{Message: "unknown error"}
		if len(args) > 0 {
			if m := args[0].Get("message"); m.Truthy() {
				err.Message = m.String()
			} else {
				err.Message = args[0].Call("toString").String()
			}
			if n := args[0].Get("name"); n.Truthy() {
				err.Name = n.String()
			}
		}
		done <- result{err: err}
		return nil
	})
	promise.Call("then", onOK, onErr)
	r := <-done
	onOK.Release()
	onErr.Release()
	return r.v, r.err
}

// jsError is a JavaScript error a promise was rejected with: Name tells a
// VersionConflict or a QuotaExceededError from others.
type jsError struct{ Name, Message string }

func (e *jsError) Error() string { return e.Message }

// isConflict tells a write refused because the set's stamp was not the one
// it expected: another tab wrote first.
func isConflict(err error) bool {
	var je *jsError
	return errors.As(err, &je) && je.Name == "VersionConflict"
}

// storeGet returns the stored string for key, and whether there was one.
func storeGet(key string) (string, bool, error) {
	v, err := await(bridge().Call("get", key))
	if err != nil {
		return "", false, fmt.Errorf("reading %s from browser storage: %w", key, err)
	}
	if v.IsNull() || v.IsUndefined() {
		return "", false, nil
	}
	return v.String(), true, nil
}

// storePut starts writing the key-value pairs in one transaction and returns
// a func that waits for it. Starting on the UI goroutine keeps writes in the
// order the changes were made; IndexedDB commits them in that order.
func storePut(kv map[string]string) (wait func() error) {
	entries := make([]any, 0, len(kv))
	for k, v := range kv {
		entries = append(entries, []any{k, v})
	}
	promise := bridge().Call("put", entries)
	return func() error {
		if _, err := await(promise); err != nil {
			return fmt.Errorf("saving to browser storage: %w", err)
		}
		return nil
	}
}

// storeDeleteStart starts deleting keys and returns a func that waits.
func storeDeleteStart(keys ...string) (wait func() error) {
	list := make([]any, len(keys))
	for i, k := range keys {
		list[i] = k
	}
	promise := bridge().Call("del", list)
	return func() error {
		if _, err := await(promise); err != nil {
			return fmt.Errorf("deleting from browser storage: %w", err)
		}
		return nil
	}
}

// storeWrite starts one transaction that deletes every key under each of
// clearPrefixes, then the keys in dels, then puts the records; the returned
// func waits for it. Started on the UI goroutine, writes commit in the order
// the changes were made. The records cross into JavaScript as two strings,
// keys and values each joined with NUL (JSON and ASCII keys never hold one),
// instead of two strings per record: at 2,000 records that crossing was a
// third of the write's time.
func storeWrite(clearPrefixes, dels []string, puts []storeRecord) (wait func() error) {
	w := storeWriteGuarded(clearPrefixes, dels, puts, nil)
	return func() error { _, err := w(); return err }
}

// storeGuard makes a write of the set under Prefix conditional: the set's
// stamp must be Expect, and becomes Stamp (see write in bridge.js).
type storeGuard struct{ Prefix, Expect, Stamp string }

// storeWriteGuarded is storeWrite with a guard (nil for none); its wait
// returns the stamps the write gave the sets it touched, by set id.
func storeWriteGuarded(clearPrefixes, dels []string, puts []storeRecord, guard *storeGuard) (wait func() (map[string]string, error)) {
	var g any
	if guard != nil {
		g = map[string]any{"prefix": guard.Prefix, "expect": guard.Expect, "stamp": guard.Stamp}
	}
	clear := make([]any, len(clearPrefixes))
	for i, p := range clearPrefixes {
		clear[i] = p
	}
	del := make([]any, len(dels))
	for i, k := range dels {
		del[i] = k
	}
	var promise goapp.Value
	if keys, values, ok := joinRecords(puts); ok {
		promise = bridge().Call("writeJoined", clear, del, len(puts), keys, values, g)
	} else {
		put := make([]any, len(puts))
		for i, r := range puts {
			put[i] = []any{r.Key, r.Value}
		}
		promise = bridge().Call("write", clear, del, put, g)
	}
	return func() (map[string]string, error) {
		v, err := await(promise)
		if err != nil {
			return nil, fmt.Errorf("saving to browser storage: %w", err)
		}
		stamps := make(map[string]string, v.Length())
		for i := range v.Length() {
			stamps[v.Index(i).Get("set").String()] = v.Index(i).Get("stamp").String()
		}
		return stamps, nil
	}
}

// joinRecords joins the keys and the values with NUL, unless one holds a
// NUL itself.
func joinRecords(recs []storeRecord) (keys, values string, ok bool) {
	var kb, vb strings.Builder
	for i, r := range recs {
		if strings.IndexByte(r.Key, 0) >= 0 || strings.IndexByte(r.Value, 0) >= 0 {
			return "", "", false
		}
		if i > 0 {
			kb.WriteByte(0)
			vb.WriteByte(0)
		}
		kb.WriteString(r.Key)
		vb.WriteString(r.Value)
	}
	return kb.String(), vb.String(), true
}

// storeRecord is one key and its value in browser storage.
type storeRecord struct{ Key, Value string }

// storeListRecords returns the records whose key starts with prefix, in key
// order, read in one transaction.
func storeListRecords(prefix string) ([]storeRecord, error) {
	v, err := await(bridge().Call("listJoined", prefix))
	if err != nil {
		return nil, fmt.Errorf("listing %s in browser storage: %w", prefix, err)
	}
	return splitJoined(v, prefix)
}

// splitJoined takes apart what listJoined resolves to.
func splitJoined(v goapp.Value, prefix string) ([]storeRecord, error) {
	n := v.Get("n").Int()
	if n == 0 {
		return nil, nil
	}
	keys := strings.Split(v.Get("keys").String(), "\x00")
	values := strings.Split(v.Get("values").String(), "\x00")
	if len(keys) != n || len(values) != n {
		return nil, fmt.Errorf("listing %s in browser storage: %d records came back as %d keys and %d values", prefix, n, len(keys), len(values))
	}
	out := make([]storeRecord, n)
	for i := range out {
		out[i] = storeRecord{Key: keys[i], Value: values[i]}
	}
	return out, nil
}

// storeListRecordsAll is storeListRecords for each prefix, read in one
// transaction.
func storeListRecordsAll(prefixes ...string) ([][]storeRecord, error) {
	list := make([]any, len(prefixes))
	for i, p := range prefixes {
		list[i] = p
	}
	v, err := await(bridge().Call("listJoinedAll", list))
	if err != nil {
		return nil, fmt.Errorf("reading browser storage: %w", err)
	}
	out := make([][]storeRecord, len(prefixes))
	for i := range out {
		if out[i], err = splitJoined(v.Index(i), prefixes[i]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// storeListKeys returns the keys that start with prefix, in key order.
func storeListKeys(prefix string) ([]string, error) {
	v, err := await(bridge().Call("keysJoined", prefix))
	if err != nil {
		return nil, fmt.Errorf("listing %s in browser storage: %w", prefix, err)
	}
	if v.Get("n").Int() == 0 {
		return nil, nil
	}
	return strings.Split(v.Get("keys").String(), "\x00"), nil
}

// storeList returns the stored pairs whose key starts with prefix.
func storeList(prefix string) (map[string]string, error) {
	v, err := await(bridge().Call("list", prefix))
	if err != nil {
		return nil, fmt.Errorf("listing %s in browser storage: %w", prefix, err)
	}
	out := make(map[string]string, v.Length())
	for i := range v.Length() {
		pair := v.Index(i)
		out[pair.Index(0).String()] = pair.Index(1).String()
	}
	return out, nil
}

// browserID is this browser's name for the app, the same in all its tabs.
func browserID() (string, error) {
	v, err := await(bridge().Call("browserID"))
	if err != nil {
		return "", fmt.Errorf("reading browser storage: %w", err)
	}
	return v.String(), nil
}

// storeChange is a write another tab committed to a set (see onStoreChange
// in bridge.js): Prev and Stamp are the set's stamps before and after it;
// a Whole write is to be read back, a change carries its records, keys
// relative to the set.
type storeChange struct {
	Article, Set, Prev, Stamp string
	Whole                     bool
	Puts                      []storeRecord
	Dels                      []string
}

// onStoreChange calls handle for each write another tab commits; the
// returned func stops it.
func onStoreChange(handle func(storeChange)) func() {
	fn := goapp.FuncOf(func(_ goapp.Value, args []goapp.Value) any {
		m := args[0]
		c := storeChange{Article: m.Get("article").String(), Set: m.Get("set").String(),
			Prev: m.Get("prev").String(), Stamp: m.Get("stamp").String(), Whole: m.Get("whole").Bool()}
		puts, dels := m.Get("puts"), m.Get("dels")
		for i := range puts.Length() {
			c.Puts = append(c.Puts, storeRecord{Key: puts.Index(i).Index(0).String(), Value: puts.Index(i).Index(1).String()})
		}
		for i := range dels.Length() {
			c.Dels = append(c.Dels, dels.Index(i).String())
		}
		handle(c)
		return nil
	})
	remove := bridge().Call("onStoreChange", fn)
	return func() {
		remove.Invoke()
		fn.Release()
	}
}

// setUnsavedWarning makes leaving the page ask first while on.
func setUnsavedWarning(on bool) {
	if goapp.IsServer {
		return
	}
	bridge().Call("setUnsaved", on)
}

// fetchText GETs a URL and returns the status and body.
func fetchText(url string) (int, string, error) {
	v, err := await(bridge().Call("fetchText", url))
	if err != nil {
		return 0, "", fmt.Errorf("fetching %s: %w", url, err)
	}
	return v.Get("status").Int(), v.Get("text").String(), nil
}

// pickedFile is a file the person chose or dropped.
type pickedFile struct {
	Name  string
	Size  int
	Bytes []byte
}

// readFiles reads the File objects of a FileList. Files over maxBytes are
// not read: they come back with Size set and no Bytes.
func readFiles(list goapp.Value, maxBytes int) ([]pickedFile, error) {
	var files []pickedFile
	for i := range list.Length() {
		if size := list.Index(i).Get("size").Int(); size > maxBytes {
			files = append(files, pickedFile{Name: list.Index(i).Get("name").String(), Size: size})
			continue
		}
		v, err := await(bridge().Call("readFile", list.Index(i)))
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", list.Index(i).Get("name").String(), err)
		}
		f := pickedFile{Name: v.Get("name").String(), Size: v.Get("size").Int()}
		f.Bytes = make([]byte, v.Get("bytes").Length())
		goapp.CopyBytesToGo(f.Bytes, v.Get("bytes"))
		files = append(files, f)
	}
	return files, nil
}

// download saves data as a file. The bytes go over as a Uint8Array: a JS
// string would re-encode them and corrupt a zip.
func download(name string, data []byte, mime string) {
	buf := goapp.Window().Get("Uint8Array").New(len(data))
	goapp.CopyBytesToJS(buf, data)
	bridge().Call("download", name, buf, mime)
}

// textSelection returns the selection inside the element in UTF-16 units.
func textSelection(elementID string) (start, end int, ok bool) {
	v := bridge().Call("selection", elementID)
	if v.IsNull() || v.IsUndefined() {
		return 0, 0, false
	}
	return v.Index(0).Int(), v.Index(1).Int(), true
}

func clearTextSelection() { bridge().Call("clearSelection") }

// caretAt returns the UTF-16 offset of the character at a viewport point.
func caretAt(elementID string, x, y int) (int, bool) {
	off := bridge().Call("caretAt", elementID, x, y).Int()
	return off, off >= 0
}

// paintMarks applies highlight layer operations (see marks in bridge.js).
func paintMarks(elementID, opsJSON string) {
	bridge().Call("marks", elementID, opsJSON)
}

func scrollTextTo(elementID string, utf16 int) {
	bridge().Call("scrollTo", elementID, utf16)
}

// onKey installs a window key listener; the returned func removes it.
func onKey(handle func(key string, ctrl, shift, alt bool) bool) func() {
	fn := goapp.FuncOf(func(_ goapp.Value, args []goapp.Value) any {
		return handle(args[0].String(), args[1].Bool(), args[2].Bool(), args[3].Bool())
	})
	remove := bridge().Call("onKey", fn)
	return func() {
		remove.Invoke()
		fn.Release()
	}
}

// paintCaret shows the keyboard caret over the UTF-16 units at–atEnd of the
// element's text and makes start–end the text's selection (focus at the
// start when backward); start == end clears it, start < 0 leaves it. With
// scroll, the caret is brought into view.
func paintCaret(elementID string, at, atEnd, start, end int, backward, scroll bool) {
	bridge().Call("showCaret", elementID, at, atEnd, start, end, backward, scroll)
}

// onArticleKey installs the listener of keys pressed while the article
// text has the focus; handle returns true when it took the key, which then
// goes no further (not to onKey's listeners). The returned func removes it.
func onArticleKey(handle func(key string, ctrl, shift, alt bool) bool) func() {
	fn := goapp.FuncOf(func(_ goapp.Value, args []goapp.Value) any {
		return handle(args[0].String(), args[1].Bool(), args[2].Bool(), args[3].Bool())
	})
	remove := bridge().Call("onArticleKey", fn)
	return func() {
		remove.Invoke()
		fn.Release()
	}
}
