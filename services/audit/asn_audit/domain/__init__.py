"""Pure rules of the audit log: the export hash chain (`chain`) and which events a replay keeps
(`filters`). No I/O: no files, no broker, no clock."""
