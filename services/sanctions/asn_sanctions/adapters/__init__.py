"""All SQL of the sanctions service: its tables, one repository per family of records, and the
unit of work that hands them to the use cases inside one transaction."""
