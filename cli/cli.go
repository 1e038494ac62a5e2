package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"text/tabwriter"
)

// A command is one "quotemark NAME ..." subcommand. To add one, write
// cmd_NAME.go with a *command value and list it in commands.
type command struct {
	name    string
	args    string // synopsis after the name, e.g. "[-addr HOST:PORT]"
	summary string // one line for "quotemark help"
	help    string // more, for "quotemark help NAME"
	// flags declares the command's flags on fs and returns the function that
	// runs it once fs has parsed the arguments.
	flags func(fs *flag.FlagSet) func(ctx context.Context, env *cmdEnv) error
}

// commands is the subcommand table, in the order "help" lists them.
var commands = []*command{
	serveCmd,
	buildCmd,
	compareCmd,
	mergeCmd,
	suggestCmd,
	evalCmd,
	quotesCmd,
	exportCmd,
	importCmd,
	validateCmd,
	archiveCmd,
	unarchiveCmd,
}

// cmdEnv is what a running command gets besides its flags: the positional
// arguments and where to write.
type cmdEnv struct {
	args           []string
	stdout, stderr io.Writer
}

// usageError is a mistake in the command line; it exits 2 after the usage.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return usageError{fmt.Sprintf(format, args...)}
}

// refusedError is an input the command will not work on, such as a file
// that is not a valid annotation set: it exits 2 with the reason, without
// the usage, which would hide it.
type refusedError struct{ msg string }

func (e refusedError) Error() string { return e.msg }

func refusef(format string, args ...any) error {
	return refusedError{fmt.Sprintf(format, args...)}
}

// Main runs the command line of os.Args and exits with its code. seeds
// holds the seed articles as web/articles/*.txt.
func Main(seeds fs.FS) {
	seedArticleFiles = seeds
	log.SetFlags(0)
	log.SetPrefix("quotemark: ")
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs the command line args (without the program name) and returns the
// exit code: 0 done, 1 the command failed, 2 the command line is wrong or
// an input was refused.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprintln(stderr, "quotemark: no command given")
		printUsage(stderr)
		return 2
	}
	name, args := args[0], args[1:]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 0 {
			if c := findCommand(args[0]); c != nil {
				fs, _ := c.flagSet(stdout)
				c.printUsage(stdout, fs, true)
				return 0
			}
			fmt.Fprintf(stderr, "quotemark help: unknown command %q\n", args[0])
			printUsage(stderr)
			return 2
		}
		printUsage(stdout)
		return 0
	}
	c := findCommand(name)
	if c == nil {
		fmt.Fprintf(stderr, "quotemark: unknown command %q\n", name)
		printUsage(stderr)
		return 2
	}

	fs, runCmd := c.flagSet(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0 // the flag package printed the usage
		}
		return 2 // the flag package printed the error and the usage
	}
	err := runCmd(ctx, &cmdEnv{args: fs.Args(), stdout: stdout, stderr: stderr})
	var uerr usageError
	var rerr refusedError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &uerr):
		fmt.Fprintf(stderr, "quotemark %s: %v\n", c.name, err)
		fs.Usage()
		return 2
	case errors.As(err, &rerr):
		fmt.Fprintf(stderr, "quotemark %s: %v\n", c.name, err)
		return 2
	default:
		fmt.Fprintf(stderr, "quotemark %s: %v\n", c.name, err)
		return 1
	}
}

func findCommand(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// flagSet declares the command's flags; its errors and usage go to out.
func (c *command) flagSet(out io.Writer) (*flag.FlagSet, func(context.Context, *cmdEnv) error) {
	fs := flag.NewFlagSet("quotemark "+c.name, flag.ContinueOnError)
	fs.SetOutput(out)
	runCmd := c.flags(fs)
	fs.Usage = func() { c.printUsage(fs.Output(), fs, false) }
	return fs, runCmd
}

// printUsage prints the synopsis and the flags, and with long the help text.
func (c *command) printUsage(w io.Writer, fs *flag.FlagSet, long bool) {
	fmt.Fprintf(w, "usage: quotemark %s %s\n\n%s\n", c.name, c.args, c.summary)
	if long && c.help != "" {
		fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.help))
	}
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	if n > 0 {
		fmt.Fprintln(w, "\nflags:")
		fs.SetOutput(w)
		fs.PrintDefaults()
	}
	if !long && c.help != "" {
		fmt.Fprintf(w, "\nRun \"quotemark help %s\" for more.\n", c.name)
	}
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: quotemark COMMAND [flags] [arguments]")
	fmt.Fprintln(w, "\ncommands:")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	fmt.Fprintf(tw, "  %s\t%s\n", "help", "show this list, or a command's flags: quotemark help COMMAND")
	tw.Flush()
	fmt.Fprintln(w, "\nRun \"quotemark COMMAND -h\" for a command's flags.")
}

// stringList is a flag that may be given more than once.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ", ") }
func (l *stringList) Set(v string) error {
	if v == "" {
		return errors.New("empty value")
	}
	*l = append(*l, v)
	return nil
}
