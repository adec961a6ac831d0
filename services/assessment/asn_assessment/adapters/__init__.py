"""All SQL of the assessment service: its tables, one repository per family of rows, the typed
records they return, and the unit of work (`Cycle`) that use cases receive."""
