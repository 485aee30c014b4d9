package discord

import (
	"strings"
	"testing"
)

func TestEscapeMarkdown(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
	}{
		{"plain text", "plain text"},
		{"*bold* _it_ ~~gone~~ `code` ||spoiler||", `\*bold\* \_it\_ \~\~gone\~\~ \` + "`code\\`" + ` \|\|spoiler\|\|`},
		{"> quoted\n# header\n- item\n+ item\n12. item\n-# small\n  > indented", "\\> quoted\n\\# header\n\\- item\n\\+ item\n12\\. item\n\\-# small\n  \\> indented"},
		{"a - b, 3.5 > 2 and #1 stay", "a - b, 3.5 > 2 and #1 stay"},
		{`back\slash`, `back\\slash`},
		{"[masked](https://evil.example)", `\[masked\](https://evil.example)`},
		{"<@123> <@&456> <#789> <t:1:R>", `\<@123> \<@&456> \<#789> \<t:1:R>`},
		{"@everyone and @here", "@\u200beveryone and @\u200bhere"},
		{"see https://example.com/a_b*c here_", "see https://example.com/a_b*c here\\_"},
		{"“curly” ‘quotes’ — ¶4", "“curly” ‘quotes’ — ¶4"},
	}
	for _, tt := range tests {
		if got := escapeMarkdown(tt.in); got != tt.want {
			t.Errorf("escapeMarkdown(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in    string
		limit int
		want  string
	}{
		{"short", 10, "short"},
		{"the quick brown fox", 12, "the quick…"},
		{"ends with escape \\*", 18, "ends with escape…"},
		{"abcdefgh\\*ijklmnop", 10, "abcdefgh…"},
		{"ééééé", 3, "éé…"},
	}
	for _, tt := range tests {
		if got := truncate(tt.in, tt.limit); got != tt.want {
			t.Errorf("truncate(%q, %d) = %q; want %q", tt.in, tt.limit, got, tt.want)
		}
	}
}

func TestSplitWords(t *testing.T) {
	t.Parallel()
	id := func(s string) string { return s }
	tests := []struct {
		in    string
		limit int
		want  []string
	}{
		{"one two three", 100, []string{"one two three"}},
		{"one two three", 7, []string{"one two", "three"}},
		{"  lead\nline two", 6, []string{"  lead", "line", "two"}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
	}
	for _, tt := range tests {
		got := splitWords(tt.in, tt.limit, id)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitWords(%q, %d) = %q; want %q", tt.in, tt.limit, got, tt.want)
		}
	}
}
