package entity

import (
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	tests := []struct {
		name     string
		sentence string
		want     []string // "kind text", in order
	}{
		{"date and nationality", "Beyoncé Knowles (born September 4, 1981) is an American singer.",
			[]string{"person Beyoncé Knowles", "date September 4, 1981", "nationality American"}},
		{"title before a name", "U.S. Secretary of State George Shultz is likely to visit Moscow.",
			[]string{"place U.S.", "person George Shultz", "place Moscow"}},
		{"money and companies", "Waste Management Inc offered 27 dlrs per share for ChemLawn Corp.",
			[]string{"organisation Waste Management Inc", "money 27 dlrs", "organisation ChemLawn Corp"}},
		{"currency symbol", "The film grossed $158.8 million worldwide.", []string{"money $158.8 million"}},
		{"currency after an adjective", "It will issue 154 mln Swiss francs of notes.", []string{"money 154 mln Swiss francs"}},
		{"percent", "Inflation was 3.8 pct, against 3.6 per cent and 4% before.",
			[]string{"percent 3.8 pct", "percent 3.6 per cent", "percent 4%"}},
		{"duration joined by a hyphen", "It sold 10-year notes over three years.", []string{"duration 10-year", "duration three years"}},
		{"reuters date", "Australia sold 180,000 tonnes of sugar on 26 Feb 1987.",
			[]string{"place Australia", "number 180,000", "date 26 Feb 1987"}},
		{"clock time", "The earthquake struck at 14:28 local time on 12 May 2008.", []string{"time 14:28", "date 12 May 2008"}},
		{"time zone", "They meet at 1000 EST Thursday.", []string{"time 1000 EST", "date Thursday"}},
		{"decade and century", "It rose in the late 1990s after the 19th century.", []string{"date 1990s", "date 19th century"}},
		{"year after a cue", "In 1872 a still was built.", []string{"date 1872"}},
		{"a count is no year", "More than 1500 people died.", []string{"number 1500"}},
		{"may alone is no date", "Prices may fall in May 2005.", []string{"date May 2005"}},
		{"organisation heads", "The Bank of England kept rates.", []string{"organisation Bank of England"}},
		{"acronym", "The IMF approved aid to Jamaica.", []string{"organisation IMF", "place Jamaica"}},
		{"place after a preposition", "Sony expands its factory in Bridgend, Wales.", []string{"name Sony", "place Bridgend", "place Wales"}},
		{"compass and place", "Routes across the North Atlantic.", []string{"place North Atlantic"}},
		{"given name", "Managed by her father, Mathew Knowles, the group grew.", []string{"person Mathew Knowles"}},
		{"religion", "His family were Buddhists and later Christian.", []string{"religion Buddhists", "religion Christian"}},
		{"language in use", "The official language is French, not Chinese servers.", []string{"language French", "nationality French", "nationality Chinese"}},
		{"colour", "She wore a red dress; Mr Brown did not.", []string{"colour red", "person Brown"}},
		{"a title ending a name", "He played Twilight Princess in Tokyo.", []string{"name Twilight Princess", "place Tokyo"}},
		{"headline in capitals", "JAPAN FEBRUARY TRADE SURPLUS JUMPS", []string{"date FEBRUARY"}},
		{"nothing", "the government had disregarded warnings.", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range Find(tt.sentence) {
				got = append(got, s.Kind.String()+" "+s.Text)
				if tt.sentence[s.Start:s.End] != s.Text {
					t.Errorf("span %+v: text is not sentence[Start:End]", s)
				}
			}
			if strings.Join(got, "; ") != strings.Join(tt.want, "; ") {
				t.Errorf("Find(%q)\n got %q\nwant %q", tt.sentence, got, tt.want)
			}
		})
	}
}

func TestExpect(t *testing.T) {
	tests := []struct {
		question string
		want     Set
	}{
		{"Who managed the Destiny's Child group?", SetOf(Person, Organisation)},
		{"whom did she marry", SetOf(Person, Organisation)},
		{"Where did Beyonce grow up?", SetOf(Place)},
		{"When did Beyonce release Dangerously in Love?", SetOf(Date, Time)},
		{"How many Grammy awards did Beyoncé win?", SetOf(Number, Money, Percent)},
		{"how much did waste management offer per share", SetOf(Money, Number, Percent)},
		{"how much money did the film make", SetOf(Money, Number)},
		{"how many years did the war last", SetOf(Duration, Number)},
		{"how long did the earthquake last", SetOf(Duration, Number, Date)},
		{"What religion was Shi Tianze?", SetOf(Religion)},
		{"what colour is the flag", SetOf(Colour)},
		{"What language is spoken in Tibet?", SetOf(Language)},
		{"what nationality was Chopin", SetOf(Nationality)},
		{"In which English town was he born?", SetOf(Place)},
		{"Which company bought the station?", SetOf(Organisation)},
		{"In what year did the quake strike?", SetOf(Date)},
		{"what percentage of voters chose him", SetOf(Percent)},
		{"What is the capital of Australia?", SetOf(Place)},
		{"Why did the dam fail?", 0},
		{"how far along is the peace plan", 0},
		{"where can I find the debian wiki", 0},
		{"where do i report a bug", 0},
		{"where did the band play", SetOf(Place)},
		{"how far is the border", SetOf(Number)},
		{"how do i reset my password", 0},
		{"what did the minister say", 0},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			if got := Expect(tt.question); got != tt.want {
				t.Errorf("Expect(%q) = %q, want %q", tt.question, got, tt.want)
			}
		})
	}
}

func TestSet(t *testing.T) {
	s := SetOf(Person, Organisation, None)
	if !s.Has(Person) || !s.Has(Organisation) || s.Has(Place) || s.Has(None) {
		t.Errorf("SetOf(Person, Organisation) = %v", s)
	}
	if s.String() != "person|organisation" {
		t.Errorf("String = %q", s.String())
	}
	for k := None; k < numKinds; k++ {
		if ParseKind(k.String()) != k {
			t.Errorf("ParseKind(%q) = %v", k.String(), ParseKind(k.String()))
		}
	}
	if !Kinds("It cost $5 in 1999.").Has(Money) {
		t.Error("Kinds misses money")
	}
}
