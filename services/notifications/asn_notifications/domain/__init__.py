"""The notifications service's rules, pure: who is told about which event and in which words,
what a recipient's preferences and a notice's priority decide, how a failed send is judged, and
when the daily digest is due. No I/O here: the use cases load and store through the adapters."""
