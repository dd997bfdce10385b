// SPDX-License-Identifier: MIT

// gofiles: the static Go workload of the benchmarks (CGO_ENABLED=0).
//
//	gofiles DIR
//
// nWorkers goroutines each create a directory DIR/w<i> and, for each of
// nFiles files, create and write it, stat it, read it back, rename it;
// then list the directory and remove everything: about 7 path-taking
// calls per file, a few thousand in all, spread over the threads of the
// Go runtime.  Exit status 0; on failure a message on stderr and 1.
package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

const (
	nWorkers = 4
	nFiles   = 250
)

func work(dir string) error {
	data := bytes.Repeat([]byte("vfstrace "), 64)
	if err := os.Mkdir(dir, 0o755); err != nil {
		return err
	}
	for i := 0; i < nFiles; i++ {
		name := filepath.Join(dir, fmt.Sprintf("f%03d", i))
		if err := os.WriteFile(name, data, 0o644); err != nil {
			return err
		}
		if st, err := os.Stat(name); err != nil {
			return err
		} else if st.Size() != int64(len(data)) {
			return fmt.Errorf("%s: size %d", name, st.Size())
		}
		got, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, data) {
			return fmt.Errorf("%s: content differs", name)
		}
		if err := os.Rename(name, name+".done"); err != nil {
			return err
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(entries) != nFiles {
		return fmt.Errorf("%s: %d entries", dir, len(entries))
	}
	return os.RemoveAll(dir)
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gofiles DIR")
		os.Exit(2)
	}
	var wg sync.WaitGroup
	errs := make([]error, nWorkers)
	for w := 0; w < nWorkers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			errs[w] = work(filepath.Join(os.Args[1], fmt.Sprintf("w%d", w)))
		}(w)
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			fmt.Fprintln(os.Stderr, "gofiles:", err)
			os.Exit(1)
		}
	}
}
