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
	args:    "[-addr HOST:PORT] [-articles DIR]... [-web DIR]",
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
this machine can connect.`,
	flags: func(fs *flag.FlagSet) func(context.Context, *cmdEnv) error {
		addr := fs.String("addr", "127.0.0.1:8000", "listen on `HOST:PORT`; a port of 0 picks a free one")
		var articleDirs stringList
		fs.Var(&articleDirs, "articles", "add the .txt articles in `DIR` to the library (repeatable)")
		web := fs.String("web", "web", "serve the app from `DIR` (app.wasm, app.css, icons, articles/)")
		return func(ctx context.Context, env *cmdEnv) error {
			if len(env.args) > 0 {
				return usagef("unexpected argument %q", env.args[0])
			}
			return serve(ctx, env, *addr, serverConfig{WebDir: *web, ArticleDirs: articleDirs})
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
		fmt.Fprintf(env.stderr, "quotemark serve: warning: %s is reachable from other machines\n", ln.Addr())
	}
	fmt.Fprintf(env.stdout, "quotemark: serving %s (app version %s, %d articles); Ctrl-C stops\n",
		url, s.version, len(s.articles.list))

	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
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
