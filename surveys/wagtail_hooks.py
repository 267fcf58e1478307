from surveys import survey_hooks  # noqa: F401  (registers the survey hooks)
