"""Users, roles and scoping, consent records, the audit of sensitive reads, base templates."""
