package model

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// privateFolderPrefix names the folders files are made in before they take
// their name. One left behind by a crash is private and safe to delete.
const privateFolderPrefix = ".solemate-"

// existsError refuses to write over a file; it matches fs.ErrExist.
type existsError struct{ path string }

func (e *existsError) Error() string {
	return e.path + " already exists; choose a new file name"
}

func (e *existsError) Is(target error) bool { return target == fs.ErrExist }

// writePrivate makes the file at path readable by the user alone from its
// first byte, whatever the umask: fill writes it as tmp inside a new 0700
// folder beside path, where no one else can open it, and only a whole,
// synced file takes the name; on failure nothing is left. An existing file
// is replaced only when replace is set, else refused untouched.
func writePrivate(path string, replace bool, fill func(tmp string) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create folder for %s: %w", path, err)
	}
	if _, err := os.Lstat(path); err == nil && !replace {
		return &existsError{path}
	}
	folder, err := os.MkdirTemp(dir, privateFolderPrefix)
	if err != nil {
		return writeError(path, err)
	}
	defer os.RemoveAll(folder)
	tmp := filepath.Join(folder, filepath.Base(path))
	if err := fill(tmp); err != nil {
		return err
	}
	// SQLite makes its files 0644; narrowed here, before anyone can reach it.
	if err := os.Chmod(tmp, 0o600); err != nil {
		return writeError(path, err)
	}
	if err := syncPath(tmp); err != nil {
		return writeError(path, err)
	}
	if replace {
		if err := os.Rename(tmp, path); err != nil {
			return writeError(path, err)
		}
	} else if err := linkNew(tmp, path); err != nil {
		return err
	}
	if err := syncPath(dir); err != nil {
		return writeError(path, err)
	}
	return nil
}

// writeError says that writing path failed, naming path rather than the
// temporary file the error came from.
func writeError(path string, err error) error {
	return fmt.Errorf("write %s: %w", path, withoutPath(err))
}

// withoutPath is err without the name of the temporary file it came from.
func withoutPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// linkNew gives tmp the name path unless path exists: a hard link fails
// then, atomically. File systems without hard links (a FAT memory stick)
// get a check and a rename instead.
func linkNew(tmp, path string) error {
	err := os.Link(tmp, path)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, fs.ErrExist):
		return &existsError{path}
	}
	if _, err := os.Lstat(path); err == nil {
		return &existsError{path}
	}
	if err := os.Rename(tmp, path); err != nil {
		return writeError(path, err)
	}
	return nil
}

// syncPath flushes a file or a folder's entries to the disk.
func syncPath(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// WriteFile writes the file at path through write, readable by the user
// alone from its first byte (exports can hold private notes). A failed
// write leaves nothing; an existing file is replaced only when replace is set.
func WriteFile(path string, replace bool, write func(io.Writer) error) error {
	return writePrivate(path, replace, func(tmp string) error {
		f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return writeError(path, err)
		}
		if err := write(namedWriter{f, path}); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return writeError(path, err)
		}
		return nil
	})
}

// namedWriter's errors name the file being made, not its temporary name.
type namedWriter struct {
	f    *os.File
	path string
}

func (w namedWriter) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	if err != nil {
		err = writeError(w.path, err)
	}
	return n, err
}
