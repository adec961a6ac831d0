"""Use cases of the notifications service: load through the unit of work's repositories, apply
the domain, record notices and emit events through the unit of work's `emit`.

Each takes a NotificationsUnitOfWork (adapters/unit_of_work.py) first, so the message handlers,
the HTTP API and the background tasks run the same code on whichever transaction they opened.
"""
