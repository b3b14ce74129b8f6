package redirect

import (
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strings"
)

// File names of the host redirect files, at the top of the output.
const (
	NetlifyName = "_redirects"      // Netlify and Cloudflare Pages
	NginxName   = "redirects.nginx" // an nginx map: see the Publishing page
)

// StubPage is the page left at an old path: it sends the reader on at
// once (meta refresh, which also works from file:// and inside an LMS
// frame, where scripts may be off), tells search engines where the page
// now is, and links there for whoever the refresh does not move. href is
// the target relative to the old page; canonical its absolute URL, or
// href without a base URL.
func StubPage(lang, title, href, canonical string) []byte {
	h, c, t := html.EscapeString(href), html.EscapeString(canonical), html.EscapeString(title)
	return fmt.Appendf(nil, `<!DOCTYPE html>
<html lang="%s">
<head>
<meta charset="utf-8">
<title>%s</title>
<meta http-equiv="refresh" content="0; url=%s">
<link rel="canonical" href="%s">
<meta name="robots" content="noindex">
</head>
<body>
<p><a href="%s">%s</a></p>
</body>
</html>
`, html.EscapeString(lang), t, h, c, h, t)
}

// Netlify writes the _redirects file of the plan for a site at base (a
// URL path ending in "/"): a line per stub, then the families'
// placeholder rules, each in its folder and its index.html form (a line
// per stub of a family would pass Cloudflare's 2,000 static rules). Nil when
// there is nothing to redirect.
func Netlify(p Plan, base string) []byte {
	if len(p.Moves) == 0 && len(p.Families) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("# Redirects of pages earlier builds published (ladder). Netlify and Cloudflare Pages read this file.\n")
	for _, r := range p.Moves {
		fmt.Fprintf(&b, "%s %s 301\n", base+Folder(r.From), base+Folder(r.To))
	}
	for _, f := range p.Families {
		from, to := splat(f.From), splat(f.To)
		fmt.Fprintf(&b, "%s %s 301\n", base+Folder(from), base+Folder(to))
		if Folder(from) != from {
			fmt.Fprintf(&b, "%s %s 301\n", base+from, base+Folder(to))
		}
	}
	return []byte(b.String())
}

// Nginx writes the plan as the body of an nginx map from $uri to the new
// URI: exact keys for the stubs (folder and file form), regular
// expressions for the families. Nil when there is nothing to redirect.
func Nginx(p Plan, base string) []byte {
	if len(p.Moves) == 0 && len(p.Families) == 0 {
		return nil
	}
	var b strings.Builder
	b.WriteString("# Redirects of pages earlier builds published (ladder). Use inside http {}:\n")
	b.WriteString("#   map $uri $ladder_redirect { default \"\"; include /path/to/site/" + NginxName + "; }\n")
	b.WriteString("# and in the site's server {}: if ($ladder_redirect) { return 301 $ladder_redirect; }\n")
	for _, r := range p.Moves {
		to := base + Folder(r.To)
		fmt.Fprintf(&b, "%s %s;\n", nginxQuote(base+r.From), nginxQuote(to))
		if Folder(r.From) != r.From {
			fmt.Fprintf(&b, "%s %s;\n", nginxQuote(base+Folder(r.From)), nginxQuote(to))
		}
	}
	for _, f := range p.Families {
		re, order := pattern(f.From)
		to := f.To
		for i, name := range order {
			to = strings.ReplaceAll(to, "{"+name+"}", fmt.Sprintf("$%d", i+1))
		}
		fmt.Fprintf(&b, "%s %s;\n", nginxQuote("~^"+regexp.QuoteMeta(base)+re+"$"), nginxQuote(base+Folder(to)))
	}
	return []byte(b.String())
}

// Script is the 404 page's script for the plan's families: a path of a
// family's form, at any depth below the site root, is replaced by the
// page it now leads to. Empty when the plan has no families.
func Script(p Plan) string {
	if len(p.Families) == 0 {
		return ""
	}
	type rule struct {
		Re string `json:"re"`
		To string `json:"to"`
	}
	var rules []rule
	for _, f := range p.Families {
		re, order := pattern(f.From)
		to := "$1" + f.To // $1 is the site root
		for i, name := range order {
			to = strings.ReplaceAll(to, "{"+name+"}", fmt.Sprintf("$%d", i+2))
		}
		rules = append(rules, rule{"^(.*/)" + re + "$", to})
	}
	data, _ := json.Marshal(rules) // strings only: cannot fail
	// The JSON's "<" are escaped (\u003c), so it cannot end the script.
	// A target with a query of its own takes the old URL's after it; a
	// target's fragment (a section of the page) replaces the old URL's.
	return `<script>(function(){var r=` + string(data) + `,p=location.pathname,s=location.search,h=location.hash;for(var i=0;i<r.length;i++){var re=new RegExp(r[i].re);if(re.test(p)){var t=p.replace(re,r[i].to),k=t.indexOf("#");if(k>=0){h=t.slice(k);t=t.slice(0,k)}if(s&&t.indexOf("?")>=0)s="&"+s.slice(1);location.replace(t+s+h);return}}})();</script>`
}

// pattern turns a family form into a regular expression of the path
// below the site root (a placeholder is one segment; a final index.html
// may be left off) and the placeholders' names in order.
func pattern(form string) (string, []string) {
	var b strings.Builder
	var order []string
	segs := strings.Split(form, "/")
	for i, s := range segs {
		if i > 0 {
			b.WriteString("/")
		}
		if name, suffix, ok := placeholder(s); ok {
			order = append(order, name)
			b.WriteString("([^/]+)" + regexp.QuoteMeta(suffix))
		} else if i == len(segs)-1 && s == "index.html" {
			b.WriteString(`(?:index\.html)?`)
		} else {
			b.WriteString(regexp.QuoteMeta(s))
		}
	}
	return b.String(), order
}

// splat writes a family form in _redirects placeholders (:name).
func splat(form string) string {
	return placeholders.ReplaceAllString(form, ":$1")
}

// placeholders matches a family's {name} placeholders.
var placeholders = regexp.MustCompile(`\{([A-Za-z0-9_]+)\}`)

// Folder drops a final index.html: the URL people see and hosts serve.
func Folder(p string) string {
	page := pagePath(p)
	rest := p[len(page):] // the query and fragment
	if page == "index.html" {
		return rest
	}
	if dir, ok := strings.CutSuffix(page, "/index.html"); ok {
		return dir + "/" + rest
	}
	return p
}

// nginxQuote quotes a map key or value.
func nginxQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
