"""Everything that touches the outside world: the tables and repositories (all SQL), the unit of
work the use cases run in, the SMTP mailer, the webhook HTTP sender, the Jinja2 templates, the
dispatcher's wake-up signal, and the unit contacts and webhook subscribers files."""
