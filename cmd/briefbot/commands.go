package main

// commands is the registry of subcommands, in the order help lists them.
func commands() []command {
	return []command{
		{
			name: "ask", usage: []string{"QUESTION...", "-"},
			summary: "answer a question (or one per stdin line with -)",
			long: "The answer comes from the FAQ, an issue's summary or a passage of an article, with\n" +
				"its sources; below answer.min_confidence the bot declines and suggests up to three\n" +
				"questions instead (exit 0 either way). With -, one question is read per line of\n" +
				"stdin and one answer written per line, flushed, so a script can keep one process.",
			example: "briefbot ask how close is the 20 point plan\n" +
				"printf 'what is the 20 point plan\\n' | briefbot ask -json -\n" +
				"briefbot ask -- -json in a question is text after --",
			run: runAsk,
		},
		{
			name: "faq", summary: "print every FAQ entry",
			long:    "The question/answer pairs found in the articles, plus the config's faq entries.",
			example: "briefbot faq -json -corpus ~/news",
			run:     runFAQ,
		},
		{
			name: "issues", summary: "print every issue with its summary",
			long:    "The issues the articles discuss, found automatically or named in the config's issues,\neach summarised in sentences that cite their articles.",
			example: "briefbot issues -json | jq '.[].name'",
			run:     runIssues,
		},
		{
			name: "issue", usage: []string{"NAME..."},
			summary: "print one issue (NAME is matched fuzzily)",
			long:    "NAME is matched against issue names and aliases, tolerating typos. No match: exit 1\nwith suggestions.",
			example: "briefbot issue donbas -json -corpus ~/news",
			run:     runIssue,
		},
		{
			name: "digest", summary: "print or post the briefing of what is new",
			long: "Without -schedule: the briefing of articles published since -since. With -schedule NAME:\n" +
				"that schedule's digest for its latest slot is posted to its targets (once per slot; retried\n" +
				"when throttled), or with -dry-run only shown.",
			example: "briefbot digest -since 72h\nbriefbot -config bb.yaml digest -schedule morning -dry-run",
			run:     runDigest,
		},
		{
			name: "schedules", summary: "list the schedules with their next three runs",
			example: "briefbot schedules -config bb.yaml",
			run:     runSchedules,
		},
		{
			name: "unanswered", summary: "list the declined questions, grouped, with faq entries to add",
			long: "The questions the bot declined, from the store's query log, grouped when they ask the\n" +
				"same thing, most asked first: a JSON list of {question, questions, count, last_asked,\n" +
				"nearest, faq} (nearest: the closest FAQ question or issue name; faq: a one-line entry\n" +
				"for the config's faq: list, its answer to write). -text lists them for people.",
			example: "briefbot unanswered -since 7d\nbriefbot -config bb.yaml unanswered -text",
			run:     runUnanswered,
		},
		{
			name: "validate", summary: "check the config file and report every problem",
			long:    "Prints ok, or every problem as FILE:LINE: field: problem and exits 1.",
			example: "briefbot validate -config bb.yaml",
			run:     runValidate,
		},
		{
			name: "eval", usage: []string{"FILE"},
			summary: "measure answer accuracy on a labelled question file",
			long: "FILE has one item per line, # and blank lines ignored:\n" +
				"  question<TAB>NONE                   the bot must decline\n" +
				"  question<TAB>phrase one|phrase two  the answer must contain one phrase",
			example: "briefbot eval questions.tsv -corpus ~/news",
			run:     runEval,
		},
		{
			name: "serve", summary: "run the adapters, the scheduler and the HTTP server",
			long: "Runs until SIGINT or SIGTERM; SIGHUP reloads the config and the corpus. The HTTP server\n" +
				"(http.listen, or BRIEFBOT_LISTEN) serves /healthz, /readyz, /metrics and the Slack and\n" +
				"Discord routes. Without a config file the common keys come from the environment:\n" +
				envKeysHelp(),
			example: "SLACK_SIGNING_SECRET=... briefbot serve\nbriefbot serve -config bb.yaml",
			run:     runServe,
		},
		{
			name: "chat", summary: "the terminal chat (the default on a terminal)",
			long:    "The same commands as in Slack (/ask, /issue, /issues, /brief, /faq, /help); a prompt on a\nterminal, one answer per line of piped input otherwise.",
			example: "briefbot chat -corpus ~/news\nprintf '/issues\\n' | briefbot chat",
			run:     runChat,
		},
		{
			name: "healthcheck", summary: "exit 0 when a running server's /healthz answers",
			long:    "Without -url it checks the configured http.listen address (BRIEFBOT_LISTEN in the\ncontainer), with 0.0.0.0 or :: asked on the loopback.",
			example: "briefbot healthcheck -url http://127.0.0.1:8080/healthz",
			run:     runHealthcheck,
		},
		{
			name: "version", summary: "print the version (also briefbot --version)",
			example: "briefbot version",
			run:     runVersion,
		},
	}
}
