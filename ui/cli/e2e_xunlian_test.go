//go:build e2e

package cli_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// seed003Server answers serverIssue with seed 003's success example (made
// valid JSON), echoing the request's requisitionApplyNo and otherId as any
// real server does; everything else is the example's.
func seed003Server(t *testing.T, calls *atomic.Int32) *httptest.Server {
	answer, err := os.ReadFile("testdata/seed003_answer.json")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		body, _ := io.ReadAll(r.Body)
		var req map[string]any
		if r.URL.Path != "/sco-invoice-legged-biz/tax/output/openapi/serverIssue" || json.Unmarshal(body, &req) != nil {
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		var a map[string]any
		_ = json.Unmarshal(answer, &a)
		b := a["body"].(map[string]any)
		b["requisitionApplyNo"], b["otherId"] = req["requisitionApplyNo"], req["otherId"]
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(a)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// Against a server answering as seed 003's example, `issue` records the
// number, code, date and check code it returns.
func TestE2EXunlianAgainstASeed003Server(t *testing.T) {
	var calls atomic.Int32
	srv := seed003Server(t, &calls)
	home := t.TempDir()
	config := "provider = \"xunlian\"\n[xunlian]\nbase_url = \"" + srv.URL + "\"\ncompany_data_resource = \"tb\"\nterminal_code = \"921092123\"\n" +
		"[seller]\nname = \"成都示例数字科技有限公司\"\ntax_id = \"91510100MA6CXP8Q2Q\"\n"
	os.WriteFile(filepath.Join(home, "config.toml"), []byte(config), 0o600)
	sample := filepath.Join(home, "sample.json")
	os.WriteFile(sample, []byte(sampleInvoice), 0o600)
	out, errOut, code := fapiao(t, home, nil, "issue", "-f", sample)
	if code != 0 || strings.TrimSpace(out) != "12221761" {
		t.Fatalf("issue: exit %d %q %s", code, out, errOut)
	}
	out, errOut, code = fapiao(t, home, nil, "show", "12221761", "--json")
	var shown map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &shown) != nil {
		t.Fatalf("show: exit %d %s %s", code, out, errOut)
	}
	if shown["code"] != "050002000205" || shown["check_code"] != "11884729515180314769" ||
		!strings.HasPrefix(shown["issued_at"].(string), "2022-09-21") || shown["provider"] != "迅联云" {
		t.Errorf("recorded %v", shown)
	}
	// Over-long text (GBK bytes) is refused with its field before sending.
	long := strings.Replace(sampleInvoice, "*软件*财税管理系统", "*软件*"+strings.Repeat("财", 45), 1)
	os.WriteFile(sample, []byte(long), 0o600)
	before := calls.Load()
	_, errOut, code = fapiao(t, home, nil, "issue", "-f", sample)
	if code == 0 || !strings.Contains(errOut, "lines[0]") || calls.Load() != before {
		t.Errorf("over-long name: exit %d %q, %d requests", code, errOut, calls.Load()-before)
	}
}

// provider = "xunlian" without a base_url issues and red-issues through the
// sandbox's serverIssue; 迅联云's missing features are explained, not failed.
func TestE2EXunlianOnTheSandbox(t *testing.T) {
	home := t.TempDir()
	os.WriteFile(filepath.Join(home, "config.toml"), []byte("provider = \"xunlian\"\n"), 0o600)
	sample := filepath.Join(home, "sample.json")
	os.WriteFile(sample, []byte(sampleInvoice), 0o600)
	out, errOut, code := fapiao(t, home, nil, "issue", "-f", sample)
	number := strings.TrimSpace(out)
	if code != 0 || len(number) != 20 {
		t.Fatalf("issue: exit %d %q %s", code, out, errOut)
	}
	out, errOut, code = fapiao(t, home, nil, "red", number, "--reason", "01")
	if code != 0 {
		t.Fatalf("red: exit %d %s %s", code, out, errOut)
	}
	out, _, _ = fapiao(t, home, nil, "list", "--json")
	var list []map[string]any
	if json.Unmarshal([]byte(out), &list) != nil || len(list) != 2 || list[0]["blue_number"] != number || list[0]["total"] != "-1.00" {
		t.Errorf("after the red: %s", out)
	}
	for _, args := range [][]string{{"face", "status"}, {"credit"}} {
		_, errOut, code := fapiao(t, home, nil, args...)
		if code != 1 || !strings.Contains(errOut, "迅联云") {
			t.Errorf("%v on 迅联云: exit %d %q — want a refusal that explains", args, code, errOut)
		}
	}
}
