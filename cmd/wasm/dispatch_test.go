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
		{"reset", `{"op":"reset"}`, `"ok":true`},
		{"after reset", `{"op":"query","fql":"User.all().count()"}`, `"data":0`},
		{"bad json", `{"op":`, `"code":"internal_error"`},
		{"unknown op", `{"op":"drop"}`, `unknown op`},
		{"format", `{"op":"format","lang":"fql","src":"let x=1 // one\nx+1"}`, `{"text":"let x = 1 // one\nx + 1"}`},
		{"format error", `{"op":"format","lang":"fql","src":"let x ="}`, `"error":{"code":"invalid_query"`},
		{"variables 20,000 deep", `{"op":"graphql","query":"{ __typename }","variables":{"v":` + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + `}}`,
			`{"error":{"code":"limit_exceeded","message":"the request nests values deeper than 10,000 levels (the GraphQL variables?)"}}`},
		{"crash is no op natively", `{"op":"crash"}`, `unknown op`},
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
