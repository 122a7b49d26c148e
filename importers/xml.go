package importers

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
)

// XMLTokens streams the tokens of an XML document to fn with the line each
// ends on, holding one token at a time however large the file; a malformed
// document is an ErrFormat naming the line.
func XMLTokens(r io.Reader, fn func(tok xml.Token, line int) error) error {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		line, _ := dec.InputPos()
		if err != nil {
			return ErrFormat{Why: fmt.Sprintf("line %d: %v", line, err)}
		}
		if err := fn(tok, line); err != nil {
			return err
		}
	}
}
