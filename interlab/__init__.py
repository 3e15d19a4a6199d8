"""InterLab: the inclusive incubator's CRM, mentoring, tiers-lieu, dossiers and impact reporting."""
