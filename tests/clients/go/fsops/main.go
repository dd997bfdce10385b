// SPDX-License-Identifier: MIT

// fsops (Go): the file-operation scenario of tests/clients/fsops.c,
// written with the os and syscall packages and built static
// (CGO_ENABLED=0).
//
//	fsops-go [DIR]    chdir to DIR, run the scenario
//	fsops-go --child  the exec'd child (started with os/exec)
//
// Each of nWorkers goroutines works in its own directory t<i> and returns
// its report; main prints the reports in order, so stdout does not depend
// on the scheduling.  Exit status 0; on failure a message on stderr and 1.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"sort"
	"strings"
	"syscall"
)

const (
	nWorkers    = 4
	childStatus = 7
)

func die(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "fsops-go: "+format+"\n", args...)
	os.Exit(1)
}

func check(err error) {
	if err != nil {
		die("%v", err)
	}
}

// listing returns " name" for each entry of dir, sorted.
func listing(dir string) string {
	entries, err := os.ReadDir(dir)
	check(err)
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, " "+e.Name())
	}
	sort.Strings(names)
	return strings.Join(names, "")
}

func appendFile(path, text string) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	check(err)
	_, err = f.WriteString(text)
	check(err)
	check(f.Close())
}

// worker runs the steps of goroutine i, all in t<i> (and shared/f<i>).
func worker(i int) string {
	d := fmt.Sprintf("t%d", i)
	var r strings.Builder

	check(os.Mkdir(d, 0o755))
	check(os.WriteFile(d+"/a", []byte(fmt.Sprintf("line %d\n", i)), 0o644))
	appendFile(d+"/a", fmt.Sprintf("more %d\n", i))
	check(os.Rename(d+"/a", d+"/b"))
	check(os.Symlink("b", d+"/sym"))
	check(os.Link(d+"/b", d+"/hard"))
	check(os.WriteFile(d+"/tmp", nil, 0o644))
	check(os.Remove(d + "/tmp"))
	if _, err := os.Stat(d + "/missing"); !errors.Is(err, fs.ErrNotExist) {
		die("stat %s/missing: %v, want ENOENT", d, err)
	}

	// The same through a directory fd.
	dfd, err := syscall.Open(d, syscall.O_RDONLY|syscall.O_DIRECTORY|syscall.O_CLOEXEC, 0)
	check(err)
	fd, err := syscall.Openat(dfd, "c", syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	check(err)
	_, err = syscall.Write(fd, []byte("c\n"))
	check(err)
	check(syscall.Close(fd))
	check(syscall.Renameat(dfd, "c", dfd, "d"))
	check(syscall.Unlinkat(dfd, "d"))
	check(syscall.Mkdirat(dfd, "e", 0o755))
	check(syscall.Close(dfd))

	check(os.WriteFile(fmt.Sprintf("shared/f%d", i), []byte(fmt.Sprintf("f%d\n", i)), 0o644))

	target, err := os.Readlink(d + "/sym")
	check(err)
	fmt.Fprintf(&r, "%s: sym -> %s\n", d, target)
	content, err := os.ReadFile(d + "/sym")
	check(err)
	fmt.Fprintf(&r, "%s: sym content: %s\n", d, strings.ReplaceAll(string(content), "\n", "|"))
	fi, err := os.Stat(d + "/hard")
	check(err)
	fmt.Fprintf(&r, "%s: hard links: %d\n", d, fi.Sys().(*syscall.Stat_t).Nlink)
	fmt.Fprintf(&r, "%s: missing: ENOENT\n", d)
	fmt.Fprintf(&r, "%s: ls:%s\n", d, listing(d))
	return r.String()
}

// child works in sub/ after a chdir and goes back with fchdir.
func child() {
	top, err := os.Open(".")
	check(err)
	check(os.Mkdir("sub", 0o755))
	check(os.Chdir("sub"))
	check(os.WriteFile("file", []byte("child\n"), 0o644))
	check(top.Chdir())
	check(top.Close())
	check(syscall.Access("sub/file", 4 /* R_OK */))
	fmt.Printf("child: ls sub:%s\n", listing("sub"))
	os.Exit(childStatus)
}

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--child" {
		child()
	}
	if len(os.Args) > 1 {
		check(os.Chdir(os.Args[1]))
	}
	check(os.Mkdir("shared", 0o755))

	reports := make([]chan string, nWorkers)
	for i := range reports {
		reports[i] = make(chan string, 1)
		go func(i int) { reports[i] <- worker(i) }(i)
	}
	for _, c := range reports {
		fmt.Print(<-c)
	}
	fmt.Printf("shared: ls:%s\n", listing("shared"))

	cmd := exec.Command("/proc/self/exe", "--child")
	cmd.Args[0] = os.Args[0]
	cmd.Stdout = os.Stdout
	cmd.Stderr = os.Stderr
	err := cmd.Run()
	var exitErr *exec.ExitError
	if !errors.As(err, &exitErr) {
		die("child: %v, want exit status %d", err, childStatus)
	}
	fmt.Printf("child exited %d\n", exitErr.ExitCode())
	fmt.Println("done")
}
