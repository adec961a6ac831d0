"""The discipline workflow's use cases (PP 94/2021, PP 79/2021); its rules are
domain/discipline/."""
