package publish
import ("testing";"time";"path/filepath")
func TestZZCycle(t *testing.T){
	out := filepath.Join(t.TempDir(), "site")
	for i := range 5 {
		st := time.Now()
		if err := versionedBuild(out, "x"); err != nil { t.Fatal(err) }
		t.Log(i, time.Since(st))
	}
	st := time.Now(); syncTree(out); t.Log("syncfs idle", time.Since(st))
}
