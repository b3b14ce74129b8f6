package framework

// AlignmentRule is one entry of content/alignments.toml: a statement (or every
// statement of an occupation with a topic) pinned to an O*NET element, or
// an element it must not be aligned to.
//
//	[[pin]]
//	occupation = "29-2012.00"
//	level = "emerging"       # with index: one statement
//	index = 4                # 0-based in its level, as `ladder align` prints
//	element = "4.A.3.a.3.I01.D01"
//
//	[[reject]]
//	occupation = "29-2012.00"
//	topic = "Laboratory findings"   # every statement with this topic
//	element = "4.A.3.b.6.I05.D02"
type AlignmentRule struct {
	Reject     bool
	Occupation string // O*NET-SOC code; required
	Level      string // level key; "" for any
	Index      int    // statement position in the level, -1 for any
	Topic      string // statement topic, "" for any
	Element    string // O*NET element id; checked against the taxonomy by the model
	// Where the rule is, for diagnostics: file, line, and its place in
	// the file's arrays, e.g. "pin[1]".
	File         string
	Line, Column int
	Path         string
}
