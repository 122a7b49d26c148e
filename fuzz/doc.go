// Package fuzz holds the fuzz tests of the HTTP API (bodies_test.go); it has
// no code of its own.
package fuzz
