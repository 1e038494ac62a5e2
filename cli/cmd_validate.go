package cli

import (
	"context"
	"flag"
	"fmt"

	"quotemark/annotations"
)

var validateCmd = &command{
	name:    "validate",
	args:    "[-article ARTICLE.txt] SET.json [SET.json ...]",
	summary: "check annotation set files against the format and their article's text",
	help: `
Checks each file against every rule of the annotation format and, when the
text it was made on is at hand (-article, or the seed article with its
sha256), that every span's exact, prefix and suffix are that text. With
-article, a set made on another version of the text (another sha256) is
invalid for it: import it to re-anchor it.

Prints "FILE: valid (…)" or "FILE: RULE AND PLACE" for each file; exits 0
when all are valid, 1 when any is not, and 2 on a wrong command line or an
-article that cannot be read or is not an article.`,
	flags: func(fs *flag.FlagSet) func(context.Context, *cmdEnv) error {
		article := fs.String("article", "", "check the spans against the text in `ARTICLE.txt` (default: the seed article with the set's sha256)")
		return func(ctx context.Context, env *cmdEnv) error {
			if len(env.args) == 0 {
				return usagef("no set file given")
			}
			var art *annotations.Article
			if *article != "" {
				var err error
				if art, err = readArticle(*article); err != nil {
					return err
				}
			}
			invalid := 0
			for _, p := range env.args {
				msg, ok := validateFile(p, art, *article)
				fmt.Fprintf(env.stdout, "%s: %s\n", p, msg)
				if !ok {
					invalid++
				}
			}
			if invalid > 0 {
				return fmt.Errorf("%d of %d files are not valid", invalid, len(env.args))
			}
			return nil
		}
	},
}

// validateFile checks one file; the message says what is wrong and where,
// or what was checked.
func validateFile(path string, art *annotations.Article, articlePath string) (string, bool) {
	data, err := readSetFile(path)
	if err != nil {
		return fmt.Sprintf("cannot be read: %v", err), false
	}
	s, err := annotations.Read(data)
	if err != nil {
		return err.Error(), false
	}
	against := articlePath
	if art == nil {
		if art = seedArticleBySHA256(s.Article.SHA256); art != nil {
			against = "the seed article " + art.ID
		}
	}
	counts := fmt.Sprintf("%d annotations, %d speakers", len(s.Annotations), len(s.Speakers))
	if art == nil {
		return fmt.Sprintf("valid (%s; spans not checked against a text: no -article, and no seed article has sha256 %.12s…)", counts, s.Article.SHA256), true
	}
	if s.Article.SHA256 != art.SHA256 {
		return fmt.Sprintf("article.sha256: %s is not the sha256 of %s (%s): the set was made on another version of the text; import it to re-anchor it",
			s.Article.SHA256, articlePath, art.SHA256), false
	}
	if _, err := s.Clone().Anchor(art); err != nil {
		return err.Error(), false
	}
	return fmt.Sprintf("valid (%s; spans checked against %s)", counts, against), true
}
