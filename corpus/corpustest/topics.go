package corpustest

// topic is the vocabulary of one subject the generator writes about.
type topic struct {
	section  string
	subjects []string // what the story is about: "the transit strike"
	phrases  []string // salient noun phrases
	orgs     []string
	places   []string
	people   []string // "Name|role"
	actions  []string // verb phrases in the past tense
	units    []string // what numbers count
}

var topics = []topic{
	{
		section:  "City",
		subjects: []string{"the transit strike", "the bus drivers' walkout", "the fare increase", "the subway expansion", "the night service cuts"},
		phrases:  []string{"wage talks", "service cuts", "fare increase", "overtime rules", "safety inspections", "rush-hour delays", "contract vote", "ridership recovery"},
		orgs:     []string{"the Metropolitan Transit Authority", "Transport Workers Local 214", "the City Council", "the Riders Alliance", "the state labor board"},
		places:   []string{"Riverside", "the North Loop", "Harbor Point", "Eastfield", "the Central Station"},
		people:   []string{"Maria Delgado|union president", "Tom Becker|transit commissioner", "Alicia Grant|Mayor", "Dev Patel|council member", "Helen Ortiz|spokeswoman for the authority"},
		actions:  []string{"rejected the latest offer", "called for binding arbitration", "extended the talks by 48 hours", "announced reduced service", "warned of further delays", "approved emergency funding"},
		units:    []string{"riders", "buses", "drivers", "stations", "routes"},
	},
	{
		section:  "Technology",
		subjects: []string{"the 4.0 release", "the security patch", "the new package manager", "the cloud migration", "the open-source license change"},
		phrases:  []string{"backward compatibility", "memory safety", "release candidate", "long-term support", "build times", "plugin ecosystem", "supply-chain security", "migration guide"},
		orgs:     []string{"the Foundation", "the core team", "Northwind Labs", "the steering committee", "the security response team"},
		places:   []string{"Berlin", "Toronto", "the project's forum", "Bangalore", "San Francisco"},
		people:   []string{"Priya Raman|release manager", "Jonas Weber|core maintainer", "Lena Okafor|security lead", "Sam Carter|chief technology officer", "Yuki Tanaka|community manager"},
		actions:  []string{"shipped the first release candidate", "deprecated the legacy API", "fixed a critical vulnerability", "delayed the final release", "published a migration guide", "doubled the test coverage"},
		units:    []string{"contributors", "downloads", "bug reports", "packages", "users"},
	},
	{
		section:  "Health",
		subjects: []string{"the flu season", "the hospital staffing shortage", "the vaccine rollout", "the new clinic network", "the drug price cap"},
		phrases:  []string{"waiting times", "vaccination rates", "emergency rooms", "nurse staffing", "drug prices", "primary care", "hospital beds", "public health funding"},
		orgs:     []string{"the Health Ministry", "the Nurses' Union", "St. Mary's Hospital", "the Medical Association", "the regional health board"},
		places:   []string{"the capital", "rural districts", "Northbrook", "the coastal region", "Lakeside"},
		people:   []string{"Dr. Anna Kowalski|chief medical officer", "Robert Chen|health minister", "Grace Mensah|nurses' union leader", "Dr. Luis Romero|epidemiologist", "Karen Holt|hospital director"},
		actions:  []string{"opened three new clinics", "warned of longer waiting times", "approved the price cap", "hired 400 nurses", "extended the vaccination campaign", "cut elective surgeries"},
		units:    []string{"patients", "nurses", "beds", "doses", "clinics"},
	},
	{
		section:  "Energy",
		subjects: []string{"the wind farm project", "the power price spike", "the grid upgrade", "the coal plant closure", "the solar subsidy"},
		phrases:  []string{"power prices", "grid capacity", "renewable targets", "energy subsidies", "carbon emissions", "battery storage", "transmission lines", "winter supply"},
		orgs:     []string{"the Energy Regulator", "GridCo", "the Green Coalition", "the Ministry of Energy", "Northern Power Ltd."},
		places:   []string{"the North Sea", "Westport", "the valley", "Ashford", "the industrial zone"},
		people:   []string{"Oliver Haines|energy minister", "Sofia Marin|GridCo chief executive", "Peter Lund|regulator", "Nadia Haddad|climate campaigner", "James O'Neill|plant manager"},
		actions:  []string{"approved the grid upgrade", "raised the price cap", "delayed the plant closure", "signed a supply contract", "launched a public consultation", "cut subsidies for rooftop solar"},
		units:    []string{"households", "megawatts", "turbines", "jobs", "homes"},
	},
	{
		section:  "Politics",
		subjects: []string{"the budget vote", "the election reform", "the coalition talks", "the housing bill", "the tax plan"},
		phrases:  []string{"housing costs", "tax cuts", "coalition partners", "voter turnout", "public spending", "rent controls", "budget deficit", "electoral reform"},
		orgs:     []string{"the Finance Committee", "the Liberal Party", "the Senate", "the Electoral Commission", "the opposition"},
		places:   []string{"the capital", "the southern provinces", "Port Allen", "the parliament", "Greenville"},
		people:   []string{"Gov. Ellen Price|governor", "Marcus Reid|opposition leader", "Sen. Paula Novak|senator", "Ahmed Siddiqui|finance minister", "Claire Dubois|party spokeswoman"},
		actions:  []string{"passed the budget", "blocked the housing bill", "called early elections", "proposed a tax cut", "formed a new coalition", "rejected the amendment"},
		units:    []string{"voters", "seats", "homes", "families", "districts"},
	},
}
