package transform

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// appendStep returns a Transformer that copies its input and appends s.
func appendStep(s string) Transformer {
	return func(ft FromTo) error {
		if _, err := io.Copy(ft.To(), ft.From()); err != nil {
			return err
		}
		_, err := io.WriteString(ft.To(), s)
		return err
	}
}

// upperStep returns a Transformer that upper-cases its input using Bytes.
func upperStep() Transformer {
	return func(ft FromTo) error {
		_, err := ft.To().Write(bytes.ToUpper(ft.From().Bytes()))
		return err
	}
}

func TestChainApply(t *testing.T) {
	errBoom := errors.New("boom")
	fail := func(FromTo) error { return errBoom }
	tests := []struct {
		name    string
		chain   Chain
		in      string
		want    string
		wantErr string
	}{
		{"nil chain copies", nil, "page", "page", ""},
		{"empty chain copies", Chain{}, "page", "page", ""},
		{"one step", Chain{appendStep("a")}, "x", "xa", ""},
		{"steps run in order", Chain{appendStep("a"), appendStep("b"), appendStep("c")}, "x", "xabc", ""},
		{"order matters", Chain{appendStep("a"), upperStep(), appendStep("b")}, "x", "XAb", ""},
		{"many steps swap buffers", Chain{appendStep("1"), appendStep("2"), appendStep("3"), appendStep("4"), appendStep("5")}, "", "12345", ""},
		{"empty input", Chain{upperStep()}, "", "", ""},
		{"error names the step", Chain{appendStep("a"), fail}, "x", "", "transform step 1: boom"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			err := tc.chain.Apply(&out, strings.NewReader(tc.in))
			if tc.wantErr != "" {
				if err == nil || err.Error() != tc.wantErr || !errors.Is(err, errBoom) {
					t.Fatalf("err = %v, want %q wrapping errBoom", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if out.String() != tc.want {
				t.Errorf("got %q, want %q", out.String(), tc.want)
			}
		})
	}
}

func TestChainReusesPooledBuffersCleanly(t *testing.T) {
	// A long output followed by a short one must not leak bytes between
	// calls through the pool.
	c := Chain{appendStep("!")}
	for _, in := range []string{strings.Repeat("long ", 1000), "short"} {
		var out bytes.Buffer
		if err := c.Apply(&out, strings.NewReader(in)); err != nil {
			t.Fatal(err)
		}
		if out.String() != in+"!" {
			t.Fatalf("got %d bytes, want %d", out.Len(), len(in)+1)
		}
	}
}

func TestInjectBeforeBodyEnd(t *testing.T) {
	const snip = "<script>lr()</script>"
	tests := []struct {
		name, in, want string
	}{
		{"plain", "<html><body><p>x</p></body></html>", "<html><body><p>x</p>" + snip + "</body></html>"},
		{"upper case", "<HTML><BODY>x</BODY></HTML>", "<HTML><BODY>x" + snip + "</BODY></HTML>"},
		{"mixed case and space", "<body>x</Body \n></html>", "<body>x" + snip + "</Body \n></html>"},
		{"last of several", "<body><code></body></code></body>", "<body><code></body></code>" + snip + "</body>"},
		{"no body end appends", "<p>fragment</p>", "<p>fragment</p>" + snip},
		{"lookalike tag ignored", "<bodyx></bodyx>", "<bodyx></bodyx>" + snip},
		{"unterminated tag ignored", "x</body", "x</body" + snip},
		{"empty input", "", snip},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			if err := (Chain{InjectBeforeBodyEnd([]byte(snip))}).Apply(&out, strings.NewReader(tc.in)); err != nil {
				t.Fatal(err)
			}
			if out.String() != tc.want {
				t.Errorf("got  %q\nwant %q", out.String(), tc.want)
			}
		})
	}
}
