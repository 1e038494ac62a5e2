// Package suggest proposes annotations for an article from its text alone,
// for an annotator to accept or dismiss: direct quotes by pairing quotation
// marks, indirect quotes by speech verbs, the speaker mention at each
// attribution, and factual claims with checkable content.
//
// Suggest is rule based and deterministic: the same text always gives the
// same suggestions, each with the rule that made it and a confidence, so
// that a guess (a scare quote, a title) can be told from a proposal
// (annotations.DefaultSuggestionConfidence). FilterSuggestions keeps those
// at or above a confidence.
//
// It imports only the core, quotemark/annotations.
package suggest
