// A program outside the coserr repository, as a Go user writes it: it
// imports the package by its module path and parses the answer to a GET as
// the response gives it (status, headers, body read from a file). The
// go-install test copies it into a new module and builds it against an
// installed coserr through pkg-config.
package main

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"

	coserr "github.com/coserr/coserr/go"
)

func main() {
	body, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	u, _ := url.Parse("https://examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com/test_404")
	resp := &http.Response{
		StatusCode: http.StatusNotFound,
		Header: http.Header{
			"Content-Type":     {"application/xml"},
			"X-Cos-Request-Id": {"NjA3OGY4NGFfNjJkMmMwYl8***"},
		},
		Request: &http.Request{Method: http.MethodGet, URL: u},
	}
	err = coserr.Parse(resp, body)
	var se *coserr.ServiceError
	if !errors.As(err, &se) {
		fmt.Fprintf(os.Stderr, "not a service error: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("status %d\n", se.StatusCode)
	fmt.Printf("code %s\n", se.Code)
	fmt.Printf("message %s\n", se.Message)
	fmt.Printf("resource %s\n", se.Resource)
	fmt.Printf("request id %s\n", se.RequestID)
	fmt.Printf("trace id %s\n", se.TraceID)
	fmt.Printf("category %s\n", se.Category)
	fmt.Printf("retry %s\n", se.Retry)
	fmt.Printf("not found %t\n", coserr.IsNotFound(err))
	fmt.Printf("abi %d\n", coserr.ABIVersion())
}
