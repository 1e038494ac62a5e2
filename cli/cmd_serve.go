package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"
)

var serveCmd = &command{
	name:    "serve",
	args:    "[-addr HOST:PORT] [-articles DIR]... [-web DIR] [-allow-host NAME]...",
	summary: "serve the app and the article library to the browser",
	help: `
Serves the app (the web folder, its app.wasm built by "make build") and a
library of articles: the .txt files in WEB/articles and in each -articles
folder. The folders are read once, at startup; restart to pick up added or
edited articles. A file that is not a usable article is skipped with a
message saying why.

app.wasm goes out brotli- or gzip-compressed, as the browser accepts: the
app.wasm.br and app.wasm.gz that "make build" writes beside it, when they
decompress to it, else compressed at startup (about a second, and larger).

It listens on the loopback interface unless -addr says otherwise, so only
this machine can connect; another address draws a warning. It serves only
regular files inside the web and article folders (a symlink is followed
only while it stays inside its folder), answers only GET and HEAD, and
sends a Content-Security-Policy and other headers that keep other sites
from framing the app or running scripts in it.

It answers only requests addressed to this machine: to localhost, a
loopback address or the address a request came in on. A request for any
other host name gets 403, so a web page whose DNS name is pointed at this
machine cannot read the library through your browser. To open it by a
name (a LAN name with -addr 0.0.0.0:8000, say), name it with -allow-host.

Exit status: 0 stopped (Ctrl-C); 1 it could not start (no app.wasm,
the address taken) or serve; 2 a wrong command line, or a web or article
folder that cannot be read.`,
	flags: func(fs *flag.FlagSet) func(context.Context, *cmdEnv) error {
		addr := fs.String("addr", "127.0.0.1:8000", "listen on `HOST:PORT`; a port of 0 picks a free one")
		var articleDirs stringList
		fs.Var(&articleDirs, "articles", "add the .txt articles in `DIR` to the library (repeatable)")
		web := fs.String("web", "web", "serve the app from `DIR` (app.wasm, app.css, icons, articles/)")
		var allowHosts stringList
		fs.Func("allow-host", "also answer requests for host `NAME` (repeatable; default: localhost and this machine's addresses only)", func(v string) error {
			if err := checkAllowHost(v); err != nil {
				return err
			}
			return allowHosts.Set(v)
		})
		return func(ctx context.Context, env *cmdEnv) error {
			if len(env.args) > 0 {
				return usagef("unexpected argument %q", env.args[0])
			}
			return serve(ctx, env, *addr, serverConfig{WebDir: *web, ArticleDirs: articleDirs, AllowHosts: allowHosts})
		}
	},
}

// serve runs the server until ctx is done, then shuts it down gracefully.
func serve(ctx context.Context, env *cmdEnv, addr string, cfg serverConfig) error {
	s, err := newServer(cfg)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listening: %w", err)
	}
	url, loopback := listenURL(ln.Addr())
	if !loopback {
		fmt.Fprintf(env.stderr, "quotemark serve: warning: %s is reachable from other machines, and anyone who reaches it can read the article library; -addr 127.0.0.1:PORT keeps it to this one\n", ln.Addr())
	}
	fmt.Fprintf(env.stdout, "quotemark: serving %s (app version %s, %d articles); Ctrl-C stops\n",
		url, s.version, len(s.articles.list))

	srv := newHTTPServer(s)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serving %s: %w", url, err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serving %s: %w", url, err)
	}
	return nil
}

// listenURL is the address to open in a browser, and whether only this
// machine can reach it.
func listenURL(a net.Addr) (url string, loopback bool) {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return "http://" + a.String() + "/", false
	}
	host := tcp.IP.String()
	if tcp.IP.IsUnspecified() {
		host = "localhost" // all interfaces, this one included
	}
	return "http://" + net.JoinHostPort(host, strconv.Itoa(tcp.Port)) + "/", tcp.IP.IsLoopback()
}
