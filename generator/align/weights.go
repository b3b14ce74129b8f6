package align

// skillThreshold is the cosine a topic needs with a skill or knowledge
// element to take the first place.
const skillThreshold = 0.6

// band gives the confidence band of a ranker score in (0, 1).
func band(score float64) Band {
	switch {
	case score >= 0.7:
		return High
	case score >= 0.4:
		return Medium
	}
	return Low
}
