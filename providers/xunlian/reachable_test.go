package xunlian

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"fapiao/app"
)

func TestReachable(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusNotFound) // any answer means the host is there
	}))
	if err := Reachable(context.Background(), srv.URL); err != nil {
		t.Errorf("a server answering 404: %v", err)
	}
	url := srv.URL
	srv.Close()
	err := Reachable(context.Background(), url)
	if err == nil || app.ErrorKindOf(err) != app.KindTransient {
		t.Errorf("a closed server: %v", err)
	}
}
