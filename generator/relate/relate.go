// Package relate finds what occupations have in common.
package relate
