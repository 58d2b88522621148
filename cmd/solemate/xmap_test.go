package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"
	"time"
)

// xwatch is a minimal X11 client that is told by the X server the moment a
// top-level window is mapped (a MapNotify event on the root window), so the
// start-up benchmark times "the window is on screen" without polling. Under
// Xvfb there is no window manager: a mapped top-level window is viewable at
// once. It speaks just enough of the core protocol for that (connection
// setup, ChangeWindowAttributes, InternAtom, GetProperty) and needs no
// library.
type xwatch struct {
	conn    net.Conn
	root    uint32
	seq     uint16 // of the last request sent
	pidAtom uint32 // _NET_WM_PID
	maps    chan xmapped
	replies chan []byte // replies and errors, in order
}

// xmapped is one top-level window that was mapped, and when this client
// read the event.
type xmapped struct {
	window uint32
	at     time.Time
}

const (
	xOpChangeWindowAttributes = 2
	xOpInternAtom             = 16
	xOpGetProperty            = 20
	xMapNotify                = 19
	xGenericEvent             = 35
	xCWEventMask              = 1 << 11
	xSubstructureNotifyMask   = 1 << 19
)

func pad4(n int) int { return (n + 3) &^ 3 }

// watchMaps connects to display (":N", a local Xvfb without access control)
// and starts listening for mapped windows.
func watchMaps(tb testing.TB, display string) *xwatch {
	tb.Helper()
	n := strings.TrimPrefix(display, ":")
	if i := strings.IndexByte(n, '.'); i >= 0 {
		n = n[:i]
	}
	conn, err := net.Dial("unix", "/tmp/.X11-unix/X"+n)
	if err != nil {
		tb.Fatalf("connect to X display %s: %v", display, err)
	}
	tb.Cleanup(func() { conn.Close() })
	x := &xwatch{conn: conn, maps: make(chan xmapped, 256), replies: make(chan []byte, 16)}
	if err := x.setup(); err != nil {
		tb.Fatalf("X display %s: %v", display, err)
	}
	go x.read()
	le := binary.LittleEndian
	req := make([]byte, 16)
	req[0] = xOpChangeWindowAttributes
	le.PutUint16(req[2:], 4)
	le.PutUint32(req[4:], x.root)
	le.PutUint32(req[8:], xCWEventMask)
	le.PutUint32(req[12:], xSubstructureNotifyMask)
	if err := x.send(req); err != nil {
		tb.Fatal(err)
	}
	if x.pidAtom, err = x.internAtom("_NET_WM_PID"); err != nil {
		tb.Fatal(err)
	}
	return x
}

// setup does the connection handshake (little-endian, no authorization)
// and finds the first screen's root window.
func (x *xwatch) setup() error {
	le := binary.LittleEndian
	req := make([]byte, 12)
	req[0] = 'l'
	le.PutUint16(req[2:], 11) // protocol 11.0
	if _, err := x.conn.Write(req); err != nil {
		return err
	}
	head := make([]byte, 8)
	if _, err := io.ReadFull(x.conn, head); err != nil {
		return err
	}
	data := make([]byte, 4*int(le.Uint16(head[6:])))
	if _, err := io.ReadFull(x.conn, data); err != nil {
		return err
	}
	if head[0] != 1 {
		return fmt.Errorf("the X server refused the connection: %s", data[:min(int(head[1]), len(data))])
	}
	vendorLen, formats := int(le.Uint16(data[16:])), int(data[21])
	screen := 32 + pad4(vendorLen) + 8*formats
	if len(data) < screen+4 {
		return fmt.Errorf("short X connection setup (%d bytes)", len(data))
	}
	x.root = le.Uint32(data[screen:])
	return nil
}

// read sorts what the server sends into mapped windows and replies, until
// the connection closes.
func (x *xwatch) read() {
	le := binary.LittleEndian
	defer close(x.replies)
	for {
		pkt := make([]byte, 32)
		if _, err := io.ReadFull(x.conn, pkt); err != nil {
			return
		}
		at := time.Now()
		code := pkt[0] & 0x7f
		if code == 1 || code == xGenericEvent {
			more := make([]byte, 4*int(le.Uint32(pkt[4:])))
			if _, err := io.ReadFull(x.conn, more); err != nil {
				return
			}
			pkt = append(pkt, more...)
		}
		switch {
		case code == 0 || code == 1:
			x.replies <- pkt
		case code == xMapNotify && pkt[12] == 0: // not override-redirect (menus, tooltips)
			x.maps <- xmapped{window: le.Uint32(pkt[8:]), at: at}
		}
	}
}

func (x *xwatch) send(req []byte) error {
	x.seq++
	if _, err := x.conn.Write(req); err != nil {
		return fmt.Errorf("X request %d: %w", req[0], err)
	}
	return nil
}

// roundTrip sends a request that has a reply and returns the reply.
func (x *xwatch) roundTrip(req []byte) ([]byte, error) {
	if err := x.send(req); err != nil {
		return nil, err
	}
	for pkt := range x.replies {
		seq := binary.LittleEndian.Uint16(pkt[2:])
		switch {
		case pkt[0] == 0:
			return nil, &xError{code: pkt[1], seq: seq, opcode: pkt[10]}
		case seq == x.seq:
			return pkt, nil
		}
	}
	return nil, fmt.Errorf("X connection closed")
}

// xError is an error the X server sent back.
type xError struct {
	code   byte
	seq    uint16
	opcode byte
}

func (e *xError) Error() string {
	return fmt.Sprintf("X error %d on request %d (major opcode %d)", e.code, e.seq, e.opcode)
}

const xBadWindow = 3

func (x *xwatch) internAtom(name string) (uint32, error) {
	le := binary.LittleEndian
	req := make([]byte, 8+pad4(len(name)))
	req[0] = xOpInternAtom
	le.PutUint16(req[2:], uint16(len(req)/4))
	le.PutUint16(req[4:], uint16(len(name)))
	copy(req[8:], name)
	reply, err := x.roundTrip(req)
	if err != nil {
		return 0, fmt.Errorf("intern atom %s: %w", name, err)
	}
	return le.Uint32(reply[8:]), nil
}

// windowPID reads a window's _NET_WM_PID (GLFW sets it), 0 when unset or
// when the window is gone.
func (x *xwatch) windowPID(window uint32) (int, error) {
	le := binary.LittleEndian
	req := make([]byte, 24)
	req[0] = xOpGetProperty
	le.PutUint16(req[2:], 6)
	le.PutUint32(req[4:], window)
	le.PutUint32(req[8:], x.pidAtom)
	// type AnyPropertyType (0), offset 0, length one 32-bit value
	le.PutUint32(req[20:], 1)
	reply, err := x.roundTrip(req)
	var xe *xError
	if errors.As(err, &xe) && xe.code == xBadWindow {
		return 0, nil // already gone
	}
	if err != nil {
		return 0, fmt.Errorf("read _NET_WM_PID: %w", err)
	}
	if reply[1] != 32 || le.Uint32(reply[16:]) < 1 || len(reply) < 36 {
		return 0, nil
	}
	return int(le.Uint32(reply[32:])), nil
}

// forget drops the windows mapped so far, before a new program starts.
func (x *xwatch) forget() {
	for {
		select {
		case <-x.maps:
		default:
			return
		}
	}
}

// waitMapped waits up to limit for a top-level window of process pid to be
// mapped and returns it and when it was; exited, when it closes, means the
// process is gone.
func (x *xwatch) waitMapped(pid int, limit time.Duration, exited <-chan struct{}) (xmapped, error) {
	timeout := time.After(limit)
	for {
		select {
		case m := <-x.maps:
			got, err := x.windowPID(m.window)
			if err != nil {
				return xmapped{}, err
			}
			if got == pid {
				return m, nil
			}
		case <-exited:
			return xmapped{}, fmt.Errorf("the program exited before it showed a window")
		case <-timeout:
			return xmapped{}, fmt.Errorf("no window mapped within %v", limit)
		}
	}
}
