//go:build e2e

package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func inboundCount(t *testing.T, home string, env []string, args ...string) int64 {
	t.Helper()
	out, errOut, code := fapiao(t, home, env, append([]string{"inbound", "list", "--json", "--limit", "1"}, args...)...)
	var got struct {
		Count int64 `json:"count"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil {
		t.Fatalf("inbound list: exit %d %s %s", code, out, errOut)
	}
	return got.Count
}

// The binary in sandbox mode syncs the demo company's inbound invoices.
func TestE2EInboundSyncOnTheSandbox(t *testing.T) {
	home := t.TempDir()
	os.WriteFile(filepath.Join(home, "config.toml"), []byte("[sandbox]\ninbound_count = 2000\n"), 0o600)
	out, errOut, code := fapiao(t, home, nil, "inbound", "sync")
	if code != 0 || !strings.Contains(out, "同步完成") {
		t.Fatalf("sync: exit %d %q %s", code, out, errOut)
	}
	if n := inboundCount(t, home, nil); n != 2000 {
		t.Errorf("stored %d, the sandbox holds 2000", n)
	}
	if _, _, code := fapiao(t, home, nil, "inbound", "sync", "--status", "10"); code != 0 {
		t.Fatal("resync failed")
	}
	if n := inboundCount(t, home, nil); n != 2000 {
		t.Errorf("after a resync: %d, want 2000 (no duplicates)", n)
	}
}

// [inbound] base_url points the binary at any server answering as seed
// 002; the secret comes from the variable secret_env names and never
// reaches the log.
func TestE2EInboundAgainstASeed002Server(t *testing.T) {
	srv := seed002Server(t)
	home := t.TempDir()
	config := "provider = \"sandbox\"\n[inbound]\nbase_url = \"" + srv.URL + "\"\nappid = \"seed-app\"\nsecret_env = \"CORP_INBOUND_SECRET\"\n"
	os.WriteFile(filepath.Join(home, "config.toml"), []byte(config), 0o600)
	if _, errOut, code := fapiao(t, home, nil, "inbound", "sync", "--status", "10"); code == 0 || !strings.Contains(errOut, "CORP_INBOUND_SECRET") {
		t.Errorf("without the secret: exit %d %q — want a refusal naming the variable", code, errOut)
	}
	env := []string{"CORP_INBOUND_SECRET=e2e-inbound-s3cret-77"}
	if _, errOut, code := fapiao(t, home, env, "inbound", "sync", "--status", "10,40"); code != 0 {
		t.Fatalf("sync: exit %d %s", code, errOut)
	}
	if n := inboundCount(t, home, env); n != 3 {
		t.Errorf("stored %d, want the seed's 3", n)
	}
	for _, name := range []string{"fapiao.log", "fapiao.db", "fapiao.db-wal", "config.toml"} {
		data, _ := os.ReadFile(filepath.Join(home, name))
		if strings.Contains(string(data), "e2e-inbound-s3cret-77") {
			t.Errorf("the secret is in %s", name)
		}
	}
}
