// Package corpus works across articles: what many annotation sets, each on
// its own article, say together, and how to carry them as one file.
//
//   - BuildCorpus groups the sets' quotes by speaker, matching speakers
//     across articles by name ("Hosemann" joins "Delbert Hosemann"), and
//     links quotes that occur in more than one article (QuoteLink), word for
//     word or nearly; DiffWords shows how two linked quotes differ.
//     MergeSpeakers joins two rows by hand where the names did not. A Corpus
//     is immutable, so corpora derived from one another share their rows.
//   - WriteArchive and ReadArchive pack articles and sets into a corpus
//     archive, one deterministic zip, and check everything on the way back;
//     PlaceArchive decides where an archive's articles go in a library that
//     already holds texts.
//
// It imports only the core, quotemark/annotations, and the core's internal
// JSON scanner.
package corpus
