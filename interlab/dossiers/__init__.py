"""Professional-card dossiers. Filled by the dossiers issue."""
