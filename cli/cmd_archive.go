package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"quotemark/annotations"
	"quotemark/annotations/corpus"
)

var archiveCmd = &command{
	name:    "archive",
	args:    "-o CORPUS.zip [-articles DIR]... SET.json [SET.json ...]",
	summary: "pack annotation sets and the text of their articles into one corpus archive",
	help: `
Writes to -o a corpus archive: one zip with the text of every article the
sets were made on (articles/ID.txt), every set as its v1 file
(sets/ARTICLE-ID/SET-ID.quotemark.json) and a manifest.json saying what it
holds. The same sets always give the same bytes. "quotemark unarchive", and
the browser's import, restore it.

Each set's text is found by its article.sha256 among the .txt files in the
-articles folders, or, without -articles, among the seed articles built into
quotemark. A set whose text is not found is refused, by name, and nothing is
written; so is a set that is not valid or does not fit its text.

Exit status: 0 written; 1 writing failed; 2 a wrong command line, or a
refused input, with the reason.`,
	flags: func(fs *flag.FlagSet) func(context.Context, *cmdEnv) error {
		out := fs.String("o", "", "write the archive to `CORPUS.zip` (required)")
		var dirs stringList
		fs.Var(&dirs, "articles", "find the sets' texts among the .txt files in `DIR` (repeatable; default: the seed articles)")
		return func(ctx context.Context, env *cmdEnv) error {
			if *out == "" {
				return usagef("-o CORPUS.zip is required")
			}
			if len(env.args) == 0 {
				return usagef("archive needs at least one set")
			}
			for _, p := range env.args {
				if sameFile(p, *out) {
					return usagef("-o %s is one of the sets; write the archive to a new file", *out)
				}
			}
			return archiveSets(env, *out, env.args, dirs)
		}
	},
}

// archiveSets reads the sets, finds their texts and writes the archive.
func archiveSets(env *cmdEnv, out string, paths []string, dirs []string) error {
	var find func(sha string) *annotations.Article
	where := "the seed articles built into quotemark; give the folder of its text with -articles DIR"
	if len(dirs) > 0 {
		var library []*annotations.Article
		for _, dir := range dirs {
			arts, err := readArticleFolder(env, "archive", dir)
			if err != nil {
				return refusef("%v", err)
			}
			library = append(library, arts...)
		}
		find = func(sha string) *annotations.Article {
			if i := slices.IndexFunc(library, func(a *annotations.Article) bool { return a.SHA256 == sha }); i >= 0 {
				return library[i]
			}
			return nil
		}
		where = "the .txt files in " + strings.Join(dirs, ", ")
	} else {
		find = seedArticleBySHA256
	}

	var sets []*annotations.Set
	var articles []*annotations.Article
	bySHA := map[string]*annotations.Article{}
	for _, p := range paths {
		data, err := readSetFile(p)
		if err != nil {
			return refusef("reading the set: %v", err)
		}
		s, err := annotations.Read(data)
		if err != nil {
			return refusef("%s is not a valid annotation set: %v", p, err)
		}
		art := bySHA[s.Article.SHA256]
		if art == nil {
			if art = find(s.Article.SHA256); art == nil {
				return refusef("%s: the text of its article %q (sha256 %s) is not found among %s",
					p, s.Article.ID, s.Article.SHA256, where)
			}
			// Two texts may come from files of the same name in two folders.
			art.ID = annotations.UniqueID(art.ID, func(id string) bool {
				return slices.ContainsFunc(articles, func(a *annotations.Article) bool { return a.ID == id })
			})
			bySHA[art.SHA256] = art
			articles = append(articles, art)
		}
		if _, err := s.Anchor(art); err != nil {
			return refusef("%s does not fit the text of article %q: %v", p, art.ID, err)
		}
		if i := slices.IndexFunc(sets, func(o *annotations.Set) bool { return o.ID == s.ID }); i >= 0 {
			return refusef("%s and %s are the same set (id %s)", paths[i], p, s.ID)
		}
		sets = append(sets, s)
	}
	zip, err := corpus.WriteArchive(articles, sets)
	if err != nil {
		return refusef("%v", err)
	}
	if err := writeFileAtomic(out, zip); err != nil {
		return fmt.Errorf("writing the archive: %w", err)
	}
	fmt.Fprintf(env.stderr, "quotemark archive: wrote %s: %s, %s\n", out, annotations.CountOf(len(articles), "article"), annotations.CountOf(len(sets), "set"))
	return nil
}

var unarchiveCmd = &command{
	name:    "unarchive",
	args:    "[-force] CORPUS.zip DIR",
	summary: "restore the articles and annotation sets of a corpus archive into a folder",
	help: `
Checks the corpus archive as a whole (every text against its sha256, every
set against its text) and writes its articles to DIR/articles/ID.txt and its
sets to DIR/sets/ARTICLE-ID/SET-ID.quotemark.json. A set's orphans and
unconfirmed approximate placements, which its v1 file has no place for, go
beside it in SET-ID.extra.json.

It writes nothing if the archive is refused, or if any of the files exists
already, unless -force is given to overwrite them. It writes all the files
or none: they are written to a temporary folder first and then moved into
place, and put back as they were if a move fails. It never writes through
a symlink: DIR, or a folder in it, that is a link is refused (a file that
is a link is, with -force, replaced by the file, its target untouched).

An archive over 512 MiB, whose entries inflate to more than that together
or to more than 32 MiB for a set or the manifest (5 MB for an article's
text), or whose entries share their compressed data, is refused before
it is inflated.

Exit status: 0 written; 1 writing failed (nothing changed); 2 a wrong
command line, a refused archive or target, or existing files, with the
reason.`,
	flags: func(fs *flag.FlagSet) func(context.Context, *cmdEnv) error {
		force := fs.Bool("force", false, "overwrite files that exist")
		return func(ctx context.Context, env *cmdEnv) error {
			if len(env.args) != 2 {
				return usagef("unarchive needs CORPUS.zip and DIR, got %d arguments", len(env.args))
			}
			return unarchive(env, env.args[0], env.args[1], *force)
		}
	},
}

func unarchive(env *cmdEnv, zipPath, dir string, force bool) error {
	data, err := readArchiveFile(zipPath)
	if err != nil {
		return err
	}
	articles, sets, err := corpus.ReadArchive(data)
	if err != nil {
		return refusef("%s: %v", zipPath, err)
	}
	var files []unarchivedFile
	add := func(slashPath string, data []byte) {
		files = append(files, unarchivedFile{filepath.FromSlash(slashPath), data})
	}
	idOf := map[string]string{}
	for _, a := range articles {
		idOf[a.SHA256] = a.ID
		add(corpus.ArchiveArticlePath(a.ID), []byte(a.Text))
	}
	orphans := 0
	for _, s := range sets {
		aid := idOf[s.Article.SHA256]
		add(corpus.ArchiveSetPath(aid, s.ID), annotations.Write(s))
		extra, err := corpus.ArchiveExtra(s)
		if err != nil {
			return refusef("%s: %v", zipPath, err)
		}
		if extra != nil {
			orphans += len(s.Orphans)
			add(corpus.ArchiveExtraPath(aid, s.ID), extra)
		}
	}
	if err := placeFiles(dir, files, force); err != nil {
		return err
	}
	msg := fmt.Sprintf("quotemark unarchive: wrote %s and %s to %s", annotations.CountOf(len(articles), "article"), annotations.CountOf(len(sets), "set"), dir)
	if orphans > 0 {
		msg += fmt.Sprintf(" (%s kept in .extra.json files beside their sets)", annotations.CountOf(orphans, "orphan"))
	}
	fmt.Fprintln(env.stderr, msg)
	return nil
}

// readArchiveFile reads a corpus archive, refusing one over the limit on an
// archive's size before it is read into memory.
func readArchiveFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, refusef("reading the archive: %v", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Size() > corpus.MaxArchiveBytes {
		return nil, refusef("%s: %d bytes, over the limit of %d bytes on a corpus archive", path, fi.Size(), corpus.MaxArchiveBytes)
	}
	data, err := io.ReadAll(io.LimitReader(f, corpus.MaxArchiveBytes+1))
	if err != nil {
		return nil, refusef("reading the archive: %v", err)
	}
	if len(data) > corpus.MaxArchiveBytes {
		return nil, refusef("%s: over the limit of %d bytes on a corpus archive", path, corpus.MaxArchiveBytes)
	}
	return data, nil
}
