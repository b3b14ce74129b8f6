package lms

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/tests/qa"
)

// cmi5XML is the part of a cmi5 course structure the tests read.
type cmi5XML struct {
	XMLName xml.Name `xml:"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd courseStructure"`
	Course  struct {
		ID    string `xml:"id,attr"`
		Title string `xml:"title>langstring"`
	} `xml:"course"`
	Blocks []struct {
		ID    string `xml:"id,attr"`
		Title string `xml:"title>langstring"`
		AUs   []struct {
			ID     string `xml:"id,attr"`
			MoveOn string `xml:"moveOn,attr"`
			Title  string `xml:"title>langstring"`
			URL    string `xml:"url"`
		} `xml:"au"`
	} `xml:"block"`
}

// cmi5Package builds the cmi5 package of the synthetic course.
func cmi5Package(t *testing.T) map[string][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Cmi5Course(&buf, course(), "https://example.org/course/"); err != nil {
		t.Fatal(err)
	}
	return unzip(t, buf.Bytes())
}

func TestCmi5Structure(t *testing.T) {
	files := cmi5Package(t)
	var c cmi5XML
	if err := xml.Unmarshal(files[Cmi5Path], &c); err != nil {
		t.Fatal(err)
	}
	if c.Course.ID != "https://example.org/course/" || c.Course.Title != "Digital careers" || len(c.Blocks) != 2 {
		t.Fatalf("course %+v, %d blocks", c.Course, len(c.Blocks))
	}
	var got []string
	ids := map[string]bool{c.Course.ID: true}
	for _, b := range c.Blocks {
		ids[b.ID] = true
		for _, au := range b.AUs {
			if au.MoveOn != "Completed" || files[au.URL] == nil || ids[au.ID] || !strings.HasPrefix(au.ID, c.Course.ID+"#") {
				t.Errorf("AU %+v", au)
			}
			ids[au.ID] = true
			got = append(got, b.Title+"/"+au.Title)
		}
	}
	want := []string{"Computer and mathematical/Web developer", "Computer and mathematical/Data scientist", "Healthcare/Nurse"}
	if !slices.Equal(got, want) {
		t.Errorf("AUs %q, want %q", got, want)
	}
	for _, b := range brokenLinks(files) {
		t.Error(b)
	}
	var buf bytes.Buffer
	if err := Cmi5Course(&buf, course(), "not an IRI"); err == nil {
		t.Error("a relative course identifier was accepted")
	}
}

// lrsStub is an LRS and cmi5 LMS on loopback: it hands out an auth token
// at /fetch, the launch data at /xapi/activities/state, and records the
// statements posted to /xapi/statements, refusing requests without the
// token or the xAPI version header.
type lrsStub struct {
	mu         sync.Mutex
	statements []map[string]any
	problems   []string
}

const lrsToken = "bGFkZGVyOnRlc3Q="

func (l *lrsStub) problem(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.problems = append(l.problems, fmt.Sprintf(format, args...))
}

func (l *lrsStub) routes(mux *http.ServeMux) {
	mux.HandleFunc("/fetch", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			l.problem("fetch: %s", r.Method)
		}
		fmt.Fprintf(w, `{"auth-token": %q}`, lrsToken)
	})
	authorized := func(r *http.Request) bool {
		ok := r.Header.Get("Authorization") == "Basic "+lrsToken && r.Header.Get("X-Experience-API-Version") == "1.0.3"
		if !ok {
			l.problem("%s %s: authorization %q, version %q", r.Method, r.URL.Path, r.Header.Get("Authorization"), r.Header.Get("X-Experience-API-Version"))
		}
		return ok
	}
	mux.HandleFunc("/xapi/activities/state", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if !authorized(r) || q.Get("stateId") != "LMS.LaunchData" || q.Get("registration") != "reg-1" {
			l.problem("state: %s", r.URL.RawQuery)
		}
		fmt.Fprint(w, `{"contextTemplate": {"contextActivities": {"grouping": [{"id": "https://lms.example/course/1"}]},
			"extensions": {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": "session-1"}},
			"launchMode": "Normal", "moveOn": "Completed"}`)
	})
	mux.HandleFunc("/xapi/statements", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var st map[string]any
		if !authorized(r) || r.Method != http.MethodPost || json.Unmarshal(body, &st) != nil {
			l.problem("statement %s: %s", r.Method, body)
			http.Error(w, "bad statement", http.StatusBadRequest)
			return
		}
		l.mu.Lock()
		l.statements = append(l.statements, st)
		l.mu.Unlock()
		fmt.Fprintf(w, `[%q]`, st["id"])
	})
}

// verbs returns the verbs received so far, by their last path segment.
func (l *lrsStub) verbs() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.verbsLocked()
}

// verbsLocked is verbs, with l.mu held.
func (l *lrsStub) verbsLocked() []string {
	var out []string
	for _, st := range l.statements {
		id, _ := st["verb"].(map[string]any)["id"].(string)
		out = append(out, id[strings.LastIndex(id, "/")+1:])
	}
	return out
}

// waitVerbs waits until the LRS has received want, in order.
func (l *lrsStub) waitVerbs(t *testing.T, want ...string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if slices.Equal(l.verbs(), want) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("statements %q, want %q", l.verbs(), want)
}

// runCmi5 launches the AU whose launch page is launch in the unzipped cmi5
// package files, as a cmi5 LMS does, with an LRS stub on loopback: it
// waits for "initialized", opens the AU's levels, waits for "completed",
// closes the page and waits for "terminated". It returns the stub.
func runCmi5(t *testing.T, files map[string][]byte, launch, activity string, levels int) *lrsStub {
	t.Helper()
	lrs := &lrsStub{}
	mux := http.NewServeMux()
	lrs.routes(mux)
	mux.HandleFunc("/pkg/", func(w http.ResponseWriter, r *http.Request) {
		data, ok := files[strings.TrimPrefix(r.URL.Path, "/pkg/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		http.ServeContent(w, r, r.URL.Path, time.Time{}, bytes.NewReader(data))
	})
	mux.HandleFunc("/favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	q := url.Values{"endpoint": {srv.URL + "/xapi/"}, "fetch": {srv.URL + "/fetch"}, "registration": {"reg-1"},
		"activityId": {activity}, "actor": {`{"objectType": "Agent", "account": {"homePage": "https://lms.example", "name": "learner-1"}}`}}
	b := qa.NewBrowser(t)
	if err := b.Navigate(srv.URL + "/pkg/" + launch + "?" + q.Encode()); err != nil {
		t.Fatal(err)
	}
	lrs.waitVerbs(t, "initialized")
	for i := 0; i < levels; i++ {
		b.Eval(fmt.Sprintf(`document.querySelectorAll("a[data-level]")[%d].click()`, i), nil)
		waitFor(t, b, fmt.Sprintf("level %d", i+1), fmt.Sprintf(`document.querySelectorAll("a[data-level]")[%d].hasAttribute("data-visited")`, i))
	}
	lrs.waitVerbs(t, "initialized", "completed")
	assertQuiet(t, b)
	if err := b.Navigate("about:blank"); err != nil {
		t.Fatal(err)
	}
	lrs.waitVerbs(t, "initialized", "completed", "terminated")
	return lrs
}

// TestCmi5Launch launches an AU of the cmi5 package as a cmi5 LMS does,
// with an LRS stub on loopback: the AU sends initialized, completed once
// its four levels are open, and terminated when it closes, each with the
// launch data's context, the registration and cmi5's categories.
func TestCmi5Launch(t *testing.T) {
	activity := "https://example.org/course/#web-developer"
	lrs := runCmi5(t, cmi5Package(t), "launch-web-developer.html", activity, 4)
	lrs.mu.Lock()
	defer lrs.mu.Unlock()
	for _, p := range lrs.problems {
		t.Error(p)
	}
	for i, st := range lrs.statements {
		raw, _ := json.Marshal(st)
		text := string(raw)
		for _, want := range []string{`"registration":"reg-1"`, `"id":"https://w3id.org/xapi/cmi5/context/categories/cmi5"`,
			`"grouping":[{"id":"https://lms.example/course/1"}]`, `"session-1"`, `"object":{"id":"` + activity + `","objectType":"Activity"}`, `"learner-1"`} {
			if !strings.Contains(text, want) {
				t.Errorf("statement %d lacks %s: %s", i, want, text)
			}
		}
		if i == 1 && (!strings.Contains(text, `"completion":true`) || !strings.Contains(text, "categories/moveon")) {
			t.Errorf("completed statement: %s", text)
		}
	}
}
