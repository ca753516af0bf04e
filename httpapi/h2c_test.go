package httpapi

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/faunaplay/playground/engine"
)

// fauna-js in Node speaks cleartext HTTP/2 with prior knowledge: the
// handler answers it when the server enables it, as cmd/serve will.
func TestCleartextHTTP2(t *testing.T) {
	e := engine.New()
	srv := httptest.NewUnstartedServer(New(e, Options{}))
	var p http.Protocols
	p.SetHTTP1(true)
	p.SetUnencryptedHTTP2(true)
	srv.Config.Protocols = &p
	srv.Start()
	defer srv.Close()
	var cp http.Protocols
	cp.SetUnencryptedHTTP2(true)
	client := &http.Client{Transport: &http.Transport{Protocols: &cp}}
	resp, err := client.Post(srv.URL+"/query/1", "", strings.NewReader(`{"query":{"fql":["\"taco\".length"]}}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.ProtoMajor != 2 || resp.StatusCode != 200 || !strings.Contains(string(b), `"data":4`) {
		t.Errorf("%s %d %s", resp.Proto, resp.StatusCode, b)
	}
}
