// Package formats reads and writes annotation sets in other tools' formats,
// so that quotemark's work can go to them and theirs can come back:
//
//   - W3C Web Annotation (JSON-LD), quotemark's and other tools'
//     (Hypothesis, Recogito);
//   - brat standoff: an .ann file beside the article's .txt, with the
//     collection's annotation.conf and visual.conf, or all four as one zip;
//   - CSV for spreadsheets, one row per annotation;
//   - JSONL in the spaCy / Prodigy convention;
//   - Label Studio tasks;
//   - doccano JSONL, whose offsets count UTF-16 units, not code points;
//   - quotemark's own JSON, which the core package quotemark/annotations
//     reads and writes.
//
// ExportFormats lists them, each with what a round trip through it keeps
// and loses. quotemark's JSON, W3C and JSONL keep everything. Label Studio
// and doccano keep what they have no field for (ids, the annotator,
// speakers; for doccano also forms, checkworthy flags and notes) under a
// "quotemark" key, which Label Studio itself drops. CSV loses speaker ids
// and times; brat loses every id, the annotator and times. Where speaker
// ids are lost, speakers come back by name. No format carries orphans.
// Export writes sets of one article in one format.
//
// DetectFormat tells a file's format from its content, using the file name
// only where the content cannot tell; ImportAny detects, then imports.
//
// Import reads a file in two steps. A format's reader decodes it into
// drafts, refusing a file that breaks a rule as a whole, with an
// *ImportError that names the place. Each draft is then bound to the
// article through the core package: annotations whose position holds their
// text stay there; the others (a file made on another version of the text,
// another tool's UTF-16 offsets, a quote without a position) are
// re-anchored by annotations' Anchor by text and context, and what cannot
// be placed is kept as an orphan.
//
// The readers take hostile files too. Each checks what it reads against
// the limits in the core (MaxImportBytes, MaxLineBytes, MaxTextBytes,
// MaxAnnotations, MaxSpeakers, MaxSets) before building anything from what
// is over one, and an offset against the article before anything is built
// for it. The JSON readers keep the file as its bytes and decode a value
// only where they look, and refuse what encoding/json would change without
// a word: a key twice in an object, an escaped lone surrogate. The CSV
// export is formula-safe, and its reader undoes exactly that.
package formats
