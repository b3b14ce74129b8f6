package framework

// jobZoneNames are O*NET's names for its five job zones.
var jobZoneNames = [...]string{
	1: "Little or No Preparation Needed",
	2: "Some Preparation Needed",
	3: "Medium Preparation Needed",
	4: "Considerable Preparation Needed",
	5: "Extensive Preparation Needed",
}

// JobZoneName returns O*NET's name for job zone n (1–5), or "" for others.
func JobZoneName(n int) string {
	if n < 1 || n >= len(jobZoneNames) {
		return ""
	}
	return jobZoneNames[n]
}

// ValidJobZone reports whether n is one of O*NET's job zones.
func ValidJobZone(n int) bool { return JobZoneName(n) != "" }

// sectorNames maps NAICS 2022 sector codes to their titles. Sectors that
// span several two-digit codes (31–33, 44–45, 48–49) are listed per code.
var sectorNames = map[string]string{
	"11": "Agriculture, Forestry, Fishing and Hunting",
	"21": "Mining, Quarrying, and Oil and Gas Extraction",
	"22": "Utilities",
	"23": "Construction",
	"31": "Manufacturing",
	"32": "Manufacturing",
	"33": "Manufacturing",
	"42": "Wholesale Trade",
	"44": "Retail Trade",
	"45": "Retail Trade",
	"48": "Transportation and Warehousing",
	"49": "Transportation and Warehousing",
	"51": "Information",
	"52": "Finance and Insurance",
	"53": "Real Estate and Rental and Leasing",
	"54": "Professional, Scientific, and Technical Services",
	"55": "Management of Companies and Enterprises",
	"56": "Administrative and Support and Waste Management and Remediation Services",
	"61": "Educational Services",
	"62": "Health Care and Social Assistance",
	"71": "Arts, Entertainment, and Recreation",
	"72": "Accommodation and Food Services",
	"81": "Other Services (except Public Administration)",
	"92": "Public Administration",
}

// SectorName returns the NAICS title of a sector code such as "62", or ""
// when the code is not a NAICS sector. Ranges are accepted as "31-33".
func SectorName(code string) string {
	if n, ok := sectorNames[code]; ok {
		return n
	}
	if len(code) == 5 && code[2] == '-' {
		return sectorNames[code[:2]]
	}
	return ""
}
