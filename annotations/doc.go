// Package annotations is the core of quotemark's domain: the model every
// other package works on. It is plain Go (no go-app, no syscall/js) so that
// the browser, the command line and the tests share one implementation.
//
// The model:
//
//   - An Article is a text, normalized (NFC, LF line ends) and identified by
//     its sha256. Offsets into it count Unicode code points, as the file
//     format does; Offsets converts them to the DOM's UTF-16 units and Go's
//     bytes at the edges.
//   - A Set is one annotator's work on one article: Annotations (a quote, a
//     speaker mention or a claim, each a span with its exact text and
//     context) and Speakers (the people or bodies quotes and claims are
//     attributed to, named by mentions). Orphans are annotations that no
//     longer find their text; Approximate marks placements to confirm.
//   - Read and Write are the v1 file format of ../shared/spec (copied into
//     the app's README); Read refuses a file that breaks a rule, naming the
//     rule and the place. Anchor places a set on a text, re-anchoring by
//     exact text, then by context, then approximately when the text changed.
//   - The operations on *Set (Add, Update, Delete, Attribute, speaker edits,
//     accepting a Suggestion) keep a set valid. A History applies them as
//     undoable steps and reports each Change, which the browser stores as
//     records (SetRecords, ChangeRecords) so that an edit costs what it
//     changes.
//
// Around the core, each importing it and none another:
//
//   - quotemark/annotations/agreement compares sets of one article (precision,
//     recall, F1, Cohen's κ, Krippendorff's α, attribution) and adjudicates
//     them into a reference set.
//   - quotemark/annotations/corpus works across articles: speakers and quotes
//     of many sets, quotes repeated between articles, corpus archives.
//   - quotemark/annotations/formats reads and writes the other tools' formats
//     (W3C Web Annotation, brat, CSV, JSONL, Label Studio, doccano) and
//     detects which one a file is.
//   - quotemark/annotations/suggest proposes quotes, speaker mentions and
//     claims for an article from its text.
package annotations
