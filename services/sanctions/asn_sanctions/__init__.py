"""The sanctions service: coaching and rewards after a rating (later discipline, PP 94/2021)."""
