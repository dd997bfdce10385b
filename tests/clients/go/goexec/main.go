// SPDX-License-Identifier: MIT

// goexec: many concurrent os/exec calls from a static Go program.  Go's
// os/exec starts children with clone(CLONE_VM|CLONE_VFORK) on the
// parent's stack while the parent's other threads keep running, and the
// runtime preempts goroutines with SIGURG: both are hard cases for a
// ptrace supervisor (see PITFALLS.md).
//
//	goexec DIR              run nRunners goroutines, each starting nRounds
//	                        children, while another goroutine churns files
//	                        in DIR
//	goexec --child I J      the child: prints "child I.J", exits I+J
//
// Output is sorted, so it does not depend on the scheduling.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

const (
	nRunners = 4
	nRounds  = 3
)

func die(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "goexec: "+format+"\n", args...)
	os.Exit(1)
}

// run starts the child I J and returns its report line.
func run(i, j int) string {
	cmd := exec.Command("/proc/self/exe", "--child", fmt.Sprint(i), fmt.Sprint(j))
	out, err := cmd.Output()
	status := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		status = exitErr.ExitCode()
	} else if err != nil {
		die("run child %d.%d: %v", i, j, err)
	}
	return fmt.Sprintf("%s exited %d", strings.TrimSpace(string(out)), status)
}

// churn creates and removes files in dir until stop is closed.
func churn(dir string, stop chan struct{}, done *sync.WaitGroup) {
	defer done.Done()
	for n := 0; ; n++ {
		select {
		case <-stop:
			return
		default:
		}
		p := filepath.Join(dir, fmt.Sprintf("churn%d", n%4))
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			die("%v", err)
		}
		if err := os.Remove(p); err != nil {
			die("%v", err)
		}
	}
}

func main() {
	if len(os.Args) == 4 && os.Args[1] == "--child" {
		var i, j int
		fmt.Sscan(os.Args[2], &i)
		fmt.Sscan(os.Args[3], &j)
		fmt.Printf("child %d.%d\n", i, j)
		os.Exit(i + j)
	}
	if len(os.Args) != 2 {
		die("usage: goexec DIR")
	}

	stop := make(chan struct{})
	var churners sync.WaitGroup
	churners.Add(1)
	go churn(os.Args[1], stop, &churners)

	var mu sync.Mutex
	var lines []string
	var runners sync.WaitGroup
	for i := 0; i < nRunners; i++ {
		runners.Add(1)
		go func(i int) {
			defer runners.Done()
			for j := 0; j < nRounds; j++ {
				line := run(i, j)
				mu.Lock()
				lines = append(lines, line)
				mu.Unlock()
			}
		}(i)
	}
	runners.Wait()
	close(stop)
	churners.Wait()

	sort.Strings(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
	fmt.Println("done")
}
