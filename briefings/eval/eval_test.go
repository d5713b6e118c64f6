package eval

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseEvalFile(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    []Item
		wantErr string
	}{
		{"items", "# comment\n\nwhat is x?\tNONE\nhow close?\t90%| ninety \n", []Item{
			{Line: 3, Question: "what is x?", Decline: true},
			{Line: 4, Question: "how close?", Phrases: []string{"90%", "ninety"}},
		}, ""},
		{"crlf and bom", "\ufeffq1\tNONE\r\n", []Item{{Line: 1, Question: "q1", Decline: true}}, ""},
		{"bad lines", "no tab here\n\tNONE\nq\t\nq2\t|\nok\tNONE\n", nil, "line 1: no tab"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseFile(strings.NewReader(tt.in))
			if tt.wantErr != "" {
				if err == nil || !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				for _, l := range []string{"line 2", "line 3", "line 4"} {
					if !strings.Contains(err.Error(), l) {
						t.Errorf("err %v does not report %s", err, l)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}
