"""Use cases of the feedback service: load through repositories, apply the domain, emit events.

Each takes a FeedbackUnitOfWork (adapters/unit_of_work.py: the open transaction, the emit
function, the settings and the clock) so that the message handlers, the HTTP API and the deadline
watch run exactly the same code; the public queries (queries.py) take a FeedbackReader.

- intake: a complaint from any channel, recorded once and acknowledged (the consumer)
- filing: a complaint from this service's own doors, published with its contact sealed
- handling: the steps officials and complainants take, and the unit's complaint officials
- deadlines: the deadline watch's run: missed deadlines published, lapsed files withdrawn
- satisfaction: SKM questionnaires and measurements, citizens' ratings, officers' summaries
- queries: what the public routes show
"""
