package transform

import "bytes"

// InjectBeforeBodyEnd returns a Transformer that inserts snippet right before
// the last </body> end tag (matched case-insensitively, allowing whitespace
// before the >), or appends it when the input has none. It is meant for the
// development server only and must never be part of the publish chain.
func InjectBeforeBodyEnd(snippet []byte) Transformer {
	return func(ft FromTo) error {
		src := ft.From().Bytes()
		i := lastBodyEnd(src)
		if i < 0 {
			i = len(src)
		}
		w := ft.To()
		if _, err := w.Write(src[:i]); err != nil {
			return err
		}
		if _, err := w.Write(snippet); err != nil {
			return err
		}
		_, err := w.Write(src[i:])
		return err
	}
}

// lastBodyEnd returns the offset of the last "</body>" end tag in b, or -1.
func lastBodyEnd(b []byte) int {
	end := len(b)
	for {
		i := bytes.LastIndex(b[:end], []byte("</"))
		if i < 0 {
			return -1
		}
		if isBodyEnd(b[i:]) {
			return i
		}
		end = i
	}
}

// isBodyEnd reports whether b starts with "</body" followed by optional
// whitespace and ">".
func isBodyEnd(b []byte) bool {
	const tag = "</body"
	if len(b) < len(tag) || !bytes.EqualFold(b[:len(tag)], []byte(tag)) {
		return false
	}
	for _, c := range b[len(tag):] {
		switch c {
		case '>':
			return true
		case ' ', '\t', '\n', '\r', '\f':
		default:
			return false
		}
	}
	return false
}
