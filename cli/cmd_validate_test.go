package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCLIValidate(t *testing.T) {
	dir := t.TempDir()
	_, gold := cliGold(t)
	tampered := writeTemp(t, dir, "tampered.json", strings.Replace(string(gold), `"exact": "Hosemann"`, `"exact": "Hosemanm"`, 1))
	broken := writeTemp(t, dir, "broken.json", strings.Replace(string(gold), `"version": 1`, `"version": 2`, 1))
	raw, err := os.ReadFile(cliGoldArticle)
	if err != nil {
		t.Fatal(err)
	}
	edited := writeTemp(t, dir, "edited.txt", string(raw)+"\nA correction.\n")
	unknown := writeTemp(t, dir, "unknown.json", strings.Replace(string(gold),
		"1c9d4af87b69d7bdef90b97407f41c60347ed991c11ca4a598ddf421bfd80165", strings.Repeat("ab", 32), 1))

	code, stdout, stderr := runCLI("validate", cliGoldSet)
	if code != 0 || !strings.Contains(stdout, cliGoldSet+": valid (34 annotations, 4 speakers; spans checked against the seed article 000_ce1de57ff9e6a72c)") {
		t.Errorf("the reference set: exit %d\nstdout %s\nstderr %s", code, stdout, stderr)
	}
	code, stdout, _ = runCLI("validate", unknown)
	if code != 0 || !strings.Contains(stdout, "spans not checked against a text") {
		t.Errorf("a set of an unknown text: exit %d, %s", code, stdout)
	}
	code, stdout, stderr = runCLI("validate", cliGoldSet, tampered, broken)
	if code != 1 || !strings.Contains(stderr, "2 of 3 files are not valid") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	for _, want := range []string{
		cliGoldSet + ": valid",
		tampered + ": annotations[",
		`].exact: "Hosemanm" does not match the article's text`,
		broken + ": version: version 2 is newer than this quotemark reads (1)",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, _ = runCLI("validate", "-article", edited, cliGoldSet)
	if code != 1 || !strings.Contains(stdout, "article.sha256: 1c9d4af87b69d7bdef90b97407f41c60347ed991c11ca4a598ddf421bfd80165 is not the sha256 of "+edited) {
		t.Errorf("against another version: exit %d, %s", code, stdout)
	}
	code, stdout, _ = runCLI("validate", "-article", cliGoldArticle, cliGoldSet)
	if code != 0 || !strings.Contains(stdout, "spans checked against "+cliGoldArticle) {
		t.Errorf("with -article: exit %d, %s", code, stdout)
	}
	code, _, stderr = runCLI("validate")
	if code != 2 || !strings.Contains(stderr, "no set file given") {
		t.Errorf("no files: exit %d, %s", code, stderr)
	}
	code, stdout, _ = runCLI("validate", filepath.Join(dir, "missing.json"))
	if code != 1 || !strings.Contains(stdout, "cannot be read") {
		t.Errorf("a missing file: exit %d, %s", code, stdout)
	}
}
