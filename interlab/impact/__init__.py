"""Impact: aggregates for funders and the Region. Filled by the impact issue."""
