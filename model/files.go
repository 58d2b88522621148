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
	pinned, release, err := pinFolder(folder)
	if err != nil {
		os.Remove(folder)
		return writeError(path, err)
	}
	defer release()
	tmp := filepath.Join(pinned, filepath.Base(path))
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

// pinFolder holds on to the private folder just made. Whoever may write the
// folder it sits in may rename it away and put one of their own under its
// name, so every later step goes through a handle on the folder itself
// (/proc/self/fd/N on Linux), and a folder that is not the private one made
// here is refused. release empties and removes the folder, and only ours.
func pinFolder(folder string) (pinned string, release func(), err error) {
	d, err := os.Open(folder)
	if err != nil {
		return "", nil, err
	}
	fi, err := d.Stat()
	if err == nil && (!fi.IsDir() || fi.Mode().Perm() != 0o700 || !ownedByMe(fi)) {
		err = fmt.Errorf("%s was changed by someone else while it was written; keep your files where only you can write", filepath.Dir(folder))
	}
	if err != nil {
		d.Close()
		return "", nil, err
	}
	pinned = folder
	if via := fmt.Sprintf("/proc/self/fd/%d", d.Fd()); isSameFile(via, fi) {
		pinned = via
	}
	release = func() {
		if entries, err := os.ReadDir(pinned); err == nil {
			for _, e := range entries {
				os.Remove(filepath.Join(pinned, e.Name()))
			}
		}
		if isSameFile(folder, fi) {
			os.Remove(folder)
		}
		d.Close()
	}
	return pinned, release, nil
}

// isSameFile reports whether path is the file fi describes.
func isSameFile(path string, fi fs.FileInfo) bool {
	now, err := os.Stat(path)
	return err == nil && os.SameFile(now, fi)
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
