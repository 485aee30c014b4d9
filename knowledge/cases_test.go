package knowledge_test

import (
	"strings"

	"github.com/pariscall/pariscall/knowledge"
)

// answerCases is the table of phrasings that TestAnswer and
// TestAnswerConcurrent ask and FuzzAnswer starts from.
func answerCases() []answerCase {
	var cases []answerCase
	for _, group := range [][]answerCase{notSignedCases(), didSignCases(), principleCases(), countCases(), peopleCases(), pactCases(), commandCases(), searchCases()} {
		cases = append(cases, group...)
	}
	return cases
}

// notSignedCases ask who didn't sign, however it is written.
func notSignedCases() []answerCase {
	return []answerCase{
		notSigned("who didn't sign", ""),
		notSigned("WHO DIDNT SIGN", ""),
		notSigned("who didn’t sign", "who didn’t sign"),
		notSigned("Who didn't sign the Paris Call?", ""),
		notSigned("which countries refused to sign", ""),
		notSigned("<@U123> who didn't sign", "who didn't sign"),
		notSigned("  who\tdidn't\n sign  ", "who didn't sign"),
	}
}

// didSignCases ask "did X sign?" of named, unnamed and unknown parties.
func didSignCases() []answerCase {
	return []answerCase{
		{q: "did the US sign?", intent: knowledge.IntentDidSign, starts: "No", has: []string{"the United States did not sign"}, cites: 2,
			sources: both, asOf: nov},
		{q: "did the U.S. sign the paris call", intent: knowledge.IntentDidSign, starts: "No", has: []string{"United States"}, cites: 2, asOf: nov},
		{q: "did russia sign?", intent: knowledge.IntentDidSign, starts: "No", has: []string{"Russia did not sign"}, cites: 2, asOf: nov},
		{q: "<@!123456> did china sign", intent: knowledge.IntentDidSign, starts: "No", has: []string{"China did not sign"}, cites: 2,
			query: "did china sign", asOf: nov},
		{q: "is china a signatory", intent: knowledge.IntentDidSign, starts: "No", has: []string{"China did not sign"}, cites: 2, asOf: nov},
		{q: "did north korea sign", intent: knowledge.IntentDidSign, starts: "No", has: []string{"SC Media", "North Korea did not sign"},
			hasNot: []string{"Campus Security"}, cites: 1, sources: []string{"sc-media"}, quotes: []string{"North Korea"}, asOf: nov},
		{q: "did Google sign", intent: knowledge.IntentDidSign, starts: "Yes", has: []string{"Google among the signatories"}, cites: 1,
			quotes: []string{"Google, Microsoft, IBM and Facebook"}, asOf: nov},
		{q: "did meta sign", intent: knowledge.IntentDidSign, starts: "Yes", has: []string{"Facebook"}, cites: 1, asOf: nov},
		{q: "has microsoft signed", intent: knowledge.IntentDidSign, starts: "Yes", has: []string{"Microsoft"}, cites: 1, asOf: nov},
		{q: "did the world economic forum sign", intent: knowledge.IntentDidSign,
			has: []string{"supports", "don't say whether it signed"}, cites: 1, quotes: []string{"support the Paris Call"}, asOf: nov},
		notSigned("did anyone refuse to sign", ""),
		{q: "did anyone sign", intent: knowledge.IntentSigned, has: []string{"Google, Microsoft, IBM and Facebook"}, cites: some, asOf: nov},
		{q: "list of signatories", intent: knowledge.IntentSigned, has: []string{"51 countries"}, cites: some, asOf: nov},
		{q: "hello who signed", intent: knowledge.IntentSigned, has: []string{"51 countries"}, hasNot: []string{"Hello"}, cites: some, asOf: nov},
		{q: "so who signed", intent: knowledge.IntentSigned, has: []string{"51 countries"}, cites: some, asOf: nov},
		{q: "please tell me who signed", intent: knowledge.IntentSigned, has: []string{"51 countries"}, cites: some, asOf: nov},
		{q: "Russia signed?", intent: knowledge.IntentDidSign, starts: "No", cites: 2, asOf: nov},
		sourcesDontSay("Germany signed?", "Germany"),
		sourcesDontSay("did Germany sign", "Germany"),
		sourcesDontSay("did france sign?", "France"),
		sourcesDontSay("did Apple sign", "Apple"),
		sourcesDontSay("did the European Union sign", "European Union"),
		sourcesDontSay("did Switzerland sign", "Switzerland"),
		sourcesDontSay("did élysée sign", "Élysée"),
		sourcesDontSay("did the uk sign", "UK"),
		sourcesDontSay("did NATO sign?", "NATO"),
		sourcesDontSay("did the eu sign", "EU"),
		sourcesDontSay("did McDonald's sign", "McDonalds"),
	}
}

// principleCases ask for the principles by number, typo and topic.
func principleCases() []answerCase {
	return []answerCase{
		principle8("principle 8"),
		principle8("principal eight"),
		principle8("prinicple eight"),
		principle8("Principle #8"),
		principle8("the eighth principle"),
		principle8("what is principle 8"),
		principle8("hack back"),
		principle8("hack-back"),
		principle8("mercenaries"),
		{q: "principle 12", intent: knowledge.IntentPrinciple, has: []string{"nine principles", "no principle 12"}, cites: 0},
		{q: "principle 0", intent: knowledge.IntentPrinciple, has: []string{"nine principles", "no principle 0"}, cites: 0},
		{q: "principle twelve", intent: knowledge.IntentPrinciple, has: []string{"no principle 12"}, cites: 0},
		{q: "principle 99999999999999999999", intent: knowledge.IntentPrinciple,
			has: []string{"no principle 99999999999999999999"}, cites: 0},
		{q: "principle 0000000000000000000000000000000042", intent: knowledge.IntentPrinciple, has: []string{"no principle 42."}, cites: 0},
		principle8("principle 0000000008"),
		principle8("Principle VIII"),
		principle8("i want principle viii"),
		{q: "what principles i should know", intent: knowledge.IntentPrinciples, has: principleNames, cites: 9},
		{q: "principle iii", intent: knowledge.IntentPrinciple, has: []string{"Principle 3: Defend electoral processes"}, cites: 2},
		{q: "principle XII", intent: knowledge.IntentPrinciple, has: []string{"nine principles", "no principle xii"}, cites: 0},
		{q: "<!channel> principle 3", intent: knowledge.IntentPrinciple, has: []string{"Principle 3: Defend electoral processes"}, cites: 2,
			quotes: []string{"undermining electoral processes"}, query: "principle 3"},
		{q: "principle three", intent: knowledge.IntentPrinciple, has: []string{"Principle 3: Defend electoral processes"}, cites: 2},
		{q: "elections", intent: knowledge.IntentPrinciple, has: []string{"Principle 3: Defend electoral processes"}, cites: 2},
		{q: "intellectual property", intent: knowledge.IntentPrinciple, has: []string{"Principle 4: Defend intellectual property"}, cites: 2,
			quotes: []string{"theft of intellectual property"}},
		{q: "supply chain", intent: knowledge.IntentPrinciple, has: []string{"Principle 6: Lifecycle security"}, cites: 2,
			quotes: []string{"lifecycle and supply chain"}, notes: []string{"merges principles 6 and 7"}},
		{q: "cyber hygiene", intent: knowledge.IntentPrinciple, has: []string{"Principle 7: Cyber hygiene", "item 6"}, cites: 2,
			quotes: []string{"advanced cyber hygiene"}, notes: []string{"merges principles 6 and 7"}},
		{q: "principles", intent: knowledge.IntentPrinciples, has: principleNames, cites: 9, sources: []string{"campus-security"}},
		{q: "what are the principles", intent: knowledge.IntentPrinciples, has: principleNames, cites: 9},
		{q: "what are the nine principles", intent: knowledge.IntentPrinciples, has: principleNames, cites: 9},
		{q: "list the 9 principles", intent: knowledge.IntentPrinciples, has: principleNames, cites: 9},
	}
}

// countCases ask for counts, which come with the sources' disagreement
// and their date.
func countCases() []answerCase {
	return []answerCase{
		{q: "how many countries signed", intent: knowledge.IntentCounts, has: []string{"51 countries", "50 countries"},
			hasNot: []string{"companies"}, cites: some, quotes: []string{"51 countries", "50 countries"},
			notes: []string{"The sources differ", "not today's"}, asOf: nov, sources: both},
		{q: "how many companies signed", intent: knowledge.IntentCounts, has: []string{"224 companies", "more than 150 companies"},
			cites: some, quotes: []string{"224 companies", "more than 150 tech companies"}, notes: []string{"The sources differ"},
			asOf: nov},
		{q: "how many non-profits signed", intent: knowledge.IntentCounts, has: []string{"92 non-profits", "90 non-profits"}, cites: some,
			notes: []string{"The sources differ"}, asOf: nov},
		{q: "who signed", intent: knowledge.IntentSigned, has: []string{"51 countries", "50 countries", "Google, Microsoft, IBM and Facebook"},
			cites: some, asOf: nov, notes: []string{"The sources differ"}},
	}
}

// peopleCases ask about the people quoted and who said what.
func peopleCases() []answerCase {
	return []answerCase{
		{q: "who called it dead on arrival", intent: knowledge.IntentWhoSaid, has: []string{"Mounir Hahad"}, cites: 1,
			quotes: []string{"DOA (Dead On Arrival)"}, speaker: "Mounir Hahad"},
		{q: "who said DOA", intent: knowledge.IntentWhoSaid, has: []string{"Mounir Hahad"}, cites: 1, speaker: "Mounir Hahad"},
		{q: "who said conflict drives innovation", intent: knowledge.IntentWhoSaid, has: []string{"Colin Bastable"}, cites: 1,
			quotes: []string{"conflict drives innovation"}, speaker: "Colin Bastable"},
		{q: "who said the pact is mostly symbolic", intent: knowledge.IntentWhoSaid, has: []string{"Paul Bischoff"}, cites: 1,
			quotes: []string{"mostly symbolic"}},
		{q: "what did Bischoff say", intent: knowledge.IntentPerson, has: []string{"Paul Bischoff", "privacy advocate"}, cites: 3,
			quotes: []string{"mostly symbolic", "Paris Climate accord"}, speaker: "Paul Bischoff", sources: []string{"campus-security"}},
		{q: "what did bishoff say", intent: knowledge.IntentPerson, has: []string{"Paul Bischoff"}, cites: 3, speaker: "Paul Bischoff"},
		{q: "Kothari", intent: knowledge.IntentPerson, has: []string{"Pravin Kothari", "CipherCloud"}, cites: 4,
			quotes: []string{"these principals"}, speaker: "Pravin Kothari"},
		{q: "what did juniper say", intent: knowledge.IntentOrg, has: []string{"Juniper Networks", "Nick Bilogorskiy", "Mounir Hahad"},
			cites: 7, quotes: []string{"Digital Geneva Convention", "Dead On Arrival"}, sources: []string{"sc-media"}},
		{q: "what did the world economic forum say", intent: knowledge.IntentOrg, has: []string{"Troels Oerting"}, cites: 1,
			speaker: "Troels Oerting"},
		{q: "what did oerting say", intent: knowledge.IntentPerson, has: []string{"Troels Oerting", "is quoted once, in SC Media"},
			cites: 1, speaker: "Troels Oerting"},
		{q: "who is hahad", intent: knowledge.IntentPerson, has: []string{"is quoted 3 times"}, cites: 3, speaker: "Mounir Hahad"},
		{q: "reactions", intent: knowledge.IntentReactions, has: []string{"6 experts"}, cites: 5,
			quotes: []string{"Dead On Arrival", "mostly symbolic", "short on practical results"}},
	}
}

// pactCases ask about the pact itself.
func pactCases() []answerCase {
	return []answerCase{
		{q: "what is the paris call", intent: knowledge.IntentWhatIs, has: []string{"Paris Call for Trust and Security in Cyberspace", "Macron"},
			cites: some, quotes: []string{"Geneva Conventions"}, notes: []string{"Paris Call for Peace and Security in Cyberspace"}},
		{q: "tell me about the paris call", intent: knowledge.IntentWhatIs, has: []string{"Paris Peace Forum"}, cites: some},
		{q: "What is the Paris Call for Trust and Security in Cyberspace?", intent: knowledge.IntentWhatIs,
			has: []string{"Paris Peace Forum"}, cites: some},
		{q: "what's this pact about?", intent: knowledge.IntentWhatIs, has: []string{"Paris Peace Forum"}, cites: some},
		{q: "what is cyber hygiene", intent: knowledge.IntentPrinciple, has: []string{"Principle 7: Cyber hygiene"}, cites: 2},
		principle8("what is hack back"),
		search("what is espionage", "espionage"),
		noAnswer("what is the TSA"),
		{q: "who launched it", intent: knowledge.IntentLaunch, has: []string{"French President Emmanuel Macron", "Paris Peace Forum"},
			cites: 3, quotes: []string{"French President Emmanuel Macron", "Paris Peace Forum"}},
		{q: "where was it launched", intent: knowledge.IntentLaunch, has: []string{"Paris Peace Forum"}, cites: 3},
	}
}

// commandCases are commands, empty questions and overlong ones.
func commandCases() []answerCase {
	tooLong := strings.Repeat("who didn't sign? ", 600) // about 10 KB
	return []answerCase{
		{q: "sources", intent: knowledge.IntentSources,
			has: []string{"campus-security", "Campus Security & Life Safety", "Sydny Shepard", "sc-media", "SC Media", nov}, cites: 0},
		{q: "brief", intent: knowledge.IntentBrief,
			has: append([]string{"51 countries", "50 countries", "224 companies", "more than 150 companies", "North Korea",
				"Google, Microsoft, IBM and Facebook", "Emmanuel Macron"}, principleNames...),
			cites: some, quotes: []string{"Dead On Arrival", "51 countries", "declining to sign"}, sources: both,
			notes: []string{"The sources differ", "not today's"}, asOf: nov},
		{q: "@everyone brief", intent: knowledge.IntentBrief, has: []string{"Briefing"}, cites: some, query: "everyone brief", asOf: nov},
		{q: "@@everyoneeveryone brief", intent: knowledge.IntentBrief, cites: some, query: "everyoneeveryone brief", asOf: nov},
		{q: "@@@Here <#C1|@channel> brief", intent: knowledge.IntentBrief, cites: some, query: "Here channel brief", asOf: nov},
		{q: "summary", intent: knowledge.IntentBrief, has: []string{"Briefing"}, cites: some, asOf: nov},
		{q: "help", intent: knowledge.IntentHelp, has: []string{"who didn't sign", "principle N", "what did PERSON say", "brief", "sources"},
			cites: 0},
		{q: "how do I use this?", intent: knowledge.IntentHelp, has: []string{"principle N"}, cites: 0},
		{q: "what can you do", intent: knowledge.IntentHelp, has: []string{"principle N"}, cites: 0},
		{q: "", intent: knowledge.IntentEmpty, has: []string{"principle N"}, cites: 0, query: ""},
		{q: " \t\n<@U123> ", intent: knowledge.IntentEmpty, cites: 0, query: ""},
		{q: tooLong, intent: knowledge.IntentTooLong, has: []string{"up to 500 characters"}, cites: 0},
	}
}

// searchCases fall back to search, which quotes only what matches.
func searchCases() []answerCase {
	return []answerCase{
		search("geneva convention", "geneva"),
		search("espionage", "espionage"),
		search("nuclear weapons", "nuclear weapons"),
		search("what about china", "china"),
		search("Paris climate accord", "climate"),
		search("espionnage", "espionage"),       // a typo
		search("nucleer weapons", "weapons"),    // likewise
		search("human rigths online", "rights"), // likewise
		noAnswer("how many firearms did TSA intercept"),
		noAnswer("MetLife stadium surveillance"),
		noAnswer("subscribe to the newsletter"),
		noAnswer("asdf qwer zxcv"),
	}
}
