package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/faunaplay/playground/engine"
)

func TestDispatch(t *testing.T) {
	e := engine.New()
	cases := []struct {
		name, request, want string
	}{
		{"schema", `{"op":"setSchema","sdl":"type User { name: String! }"}`, `"name":"User"`},
		{"query", `{"op":"query","fql":"User.create({ name: \"Ann\" }).name"}`, `"data":"Ann"`},
		{"graphql", `{"op":"graphql","query":"query($id: ID!) { findUserByID(id: $id) { name } }","variables":{"id":"1"}}`, `"findUserByID":null`},
		{"graphql operationName", `{"op":"graphql","query":"query A { __typename } mutation B { createUser(data: { name: \"Cy\" }) { name } }","operationName":"B"}`, `"createUser":{"name":"Cy"}`},
		{"graphql request error has no data", `{"op":"graphql","query":"{ nope }"}`, `{"errors":[{"message":"Cannot query field`},
		{"abort value", `{"op":"query","fql":"abort({ why: 1 })"}`, `"code":"abort","message":"Query aborted.","line":1,"column":1,"abort":{"why":1}`},
		{"reset", `{"op":"reset"}`, `"ok":true`},
		{"after reset", `{"op":"query","fql":"User.all().count()"}`, `"data":0`},
		{"replay", `{"op":"replay","runs":[{"op":"query","fql":"User.create({ name: \"Bo\" })"},{"op":"query","fql":"Nope.all()"}]}`,
			`{"outcomes":[{"ok":true,"write_ops":1},{"ok":false,"write_ops":0,"code":"invalid_query"`},
		{"replayed", `{"op":"query","fql":"User.all().map(.name).toArray()"}`, `"data":["Bo"]`},
		{"args", `{"op":"query","fql":"User.create({ name: who.name }); [n * 2, who, 1.5 + half]","args":{"n":21,"who":{"name":"Di","z":1,"a":[true,null]},"half":0.5}}`,
			`"data":[42,{"name":"Di","z":1,"a":[true,null]},2]`},
		{"args replayed", `{"op":"replay","runs":[{"op":"query","fql":"User.create({ name: n }).name","args":{"n":"Ed"},"result":true}]}`, `"data":"Ed"`},
		{"args no object", `{"op":"query","fql":"1","args":[1]}`, `"code":"invalid_argument"`},
		{"args shadow", `{"op":"query","fql":"User.where(.name == name).count()","args":{"name":"Ed"}}`, `"data":1`},
		{"memory", `{"op":"memory"}`, `"heap_alloc":`},
		{"bad json", `{"op":`, `"code":"internal_error"`},
		{"unknown op", `{"op":"drop"}`, `unknown op`},
		{"format", `{"op":"format","lang":"fql","src":"let x=1 // one\nx+1"}`, `{"text":"let x = 1 // one\nx + 1"}`},
		{"format error", `{"op":"format","lang":"fql","src":"let x ="}`, `"error":{"code":"invalid_query"`},
		{"variables 20,000 deep", `{"op":"graphql","query":"{ __typename }","variables":{"v":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}}`,
			`{"error":{"code":"limit_exceeded","message":"the request nests values deeper than 10,000 levels (the GraphQL variables?)"}}`},
		{"crash is no op natively", `{"op":"crash"}`, `unknown op`},
		{"complete", `{"op":"complete","lang":"fql","src":"User.","offset":5}`, `{"from":5,"to":5,"items":[{"label":"all","kind":"method","detail":"all() =\u003e Set\u003cUser\u003e"`},
		{"complete after non-ASCII", `{"op":"complete","lang":"fql","src":"\"😀\".le","offset":7}`, `"from":5,"to":7,"items":[{"label":"at"`},
		{"complete sdl", `{"op":"complete","lang":"sdl","src":"type A @","offset":8}`, `"label":"embedded","kind":"directive","detail":"@embedded"`},
		{"complete unknown lang", `{"op":"complete","lang":"cobol","src":"x","offset":1}`, `{"from":1,"to":1,"items":[]}`},
		{"hover", `{"op":"hover","lang":"fql","src":"User.all()","offset":6}`, `{"from":5,"to":8,"signature":"all() =\u003e Set\u003cUser\u003e","info":"Every document of the collection, by id."}`},
		{"hover nothing", `{"op":"hover","lang":"fql","src":"1 + 2","offset":2}`, `{}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Dispatch(e, c.request)
			if !json.Valid([]byte(got)) {
				t.Fatalf("not JSON: %s", got)
			}
			if !strings.Contains(got, c.want) {
				t.Errorf("Dispatch(%s) = %s, want it to contain %s", c.request, got, c.want)
			}
		})
	}
}
