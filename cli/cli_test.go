package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

func runCLI(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestCommandLineUsage(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		code   int
		stdout string // a substring of what it prints there
		stderr string
	}{
		{args: nil, code: 2, stderr: "usage: quotemark COMMAND"},
		{args: []string{"bogus"}, code: 2, stderr: `unknown command "bogus"`},
		{args: []string{"serve", "-nope"}, code: 2, stderr: "usage: quotemark serve"},
		{args: []string{"serve", "-addr"}, code: 2, stderr: "flag needs an argument"},
		{args: []string{"serve", "stray"}, code: 2, stderr: `unexpected argument "stray"`},
		{args: []string{"help"}, code: 0, stdout: "serve"},
		{args: []string{"-h"}, code: 0, stdout: "usage: quotemark COMMAND"},
		{args: []string{"help", "serve"}, code: 0, stdout: "-addr HOST:PORT"},
		{args: []string{"help", "bogus"}, code: 2, stderr: `unknown command "bogus"`},
		{args: []string{"serve", "-h"}, code: 0, stderr: "-articles DIR"},
	} {
		code, stdout, stderr := runCLI(tc.args...)
		if code != tc.code {
			t.Errorf("quotemark %q: exit %d, want %d\nstdout: %s\nstderr: %s", tc.args, code, tc.code, stdout, stderr)
		}
		if tc.stdout != "" && !strings.Contains(stdout, tc.stdout) {
			t.Errorf("quotemark %q: stdout lacks %q:\n%s", tc.args, tc.stdout, stdout)
		}
		if tc.stderr != "" && !strings.Contains(stderr, tc.stderr) {
			t.Errorf("quotemark %q: stderr lacks %q:\n%s", tc.args, tc.stderr, stderr)
		}
		if tc.code == 2 && stdout != "" {
			t.Errorf("quotemark %q: a usage error wrote to stdout: %s", tc.args, stdout)
		}
	}
}

func TestServeCommandFailsWithContext(t *testing.T) {
	code, _, stderr := runCLI("serve", "-addr", "127.0.0.1:0", "-web", t.TempDir())
	if code != 1 || !strings.Contains(stderr, "quotemark serve: ") || !strings.Contains(stderr, "make build") {
		t.Errorf("serve without app.wasm: exit %d, stderr %q; want 1 and a hint to build", code, stderr)
	}
	web := t.TempDir()
	writeFile(t, filepath.Join(web, "app.wasm"), "\x00asm")
	missing := filepath.Join(t.TempDir(), "missing")
	code, _, stderr = runCLI("serve", "-addr", "127.0.0.1:0", "-web", web, "-articles", missing)
	if code != 2 || !strings.Contains(stderr, "reading article folder "+missing) {
		t.Errorf("serve with a missing -articles folder: exit %d, stderr %q; want 2, a refused input", code, stderr)
	}
	// A taken port.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	code, _, stderr = runCLI("serve", "-addr", ln.Addr().String(), "-web", web)
	if code != 1 || !strings.Contains(stderr, "listening") {
		t.Errorf("serve on a taken port: exit %d, stderr %q", code, stderr)
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeCommand(t *testing.T) {
	web := t.TempDir()
	writeFile(t, filepath.Join(web, "app.wasm"), "\x00asm\x01\x00\x00\x00")
	writeFile(t, filepath.Join(web, "articles", "seed.txt"), "Seed article.\n")
	extra := t.TempDir()
	writeFile(t, filepath.Join(extra, "extra.txt"), "Extra article.\r\n")

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-web", web, "-articles", extra}, &stdout, &stderr)
	}()

	urlRE := regexp.MustCompile(`http://127\.0\.0\.1:[0-9]+/`)
	var url string
	for deadline := time.Now().Add(time.Minute); url == "" && time.Now().Before(deadline); {
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d\nstdout: %s\nstderr: %s", code, stdout.String(), stderr.String())
		case <-time.After(20 * time.Millisecond):
		}
		url = urlRE.FindString(stdout.String())
	}
	if url == "" {
		t.Fatalf("serve printed no URL\nstdout: %s\nstderr: %s", stdout.String(), stderr.String())
	}
	if strings.Contains(stderr.String(), "reachable from other machines") {
		t.Errorf("a loopback address drew the warning: %s", stderr.String())
	}

	res, err := http.Get(url + "api/articles")
	if err != nil {
		t.Fatal(err)
	}
	var list []articleSummary
	err = json.NewDecoder(res.Body).Decode(&list)
	res.Body.Close()
	if err != nil || len(list) != 2 || list[0].ID != "extra" || list[1].ID != "seed" {
		t.Errorf("GET /api/articles: %v %+v", err, list)
	}
	res, err = http.Get(url + "api/articles/extra")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if string(body) != "Extra article.\n" {
		t.Errorf("GET /api/articles/extra: %q", body)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve exited with %d after a graceful stop; stderr: %s", code, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop after its context was canceled")
	}
}

func TestListenURL(t *testing.T) {
	for _, tc := range []struct {
		addr     *net.TCPAddr
		url      string
		loopback bool
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8000}, "http://127.0.0.1:8000/", true},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 8000}, "http://[::1]:8000/", true},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 80}, "http://localhost:80/", false},
		{&net.TCPAddr{IP: net.IPv4(192, 168, 1, 2), Port: 8000}, "http://192.168.1.2:8000/", false},
	} {
		url, loopback := listenURL(tc.addr)
		if url != tc.url || loopback != tc.loopback {
			t.Errorf("listenURL(%v) = %q, %v; want %q, %v", tc.addr, url, loopback, tc.url, tc.loopback)
		}
	}
}
