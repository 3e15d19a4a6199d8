"""The coach's pipeline: entrepreneurs, projects, stages and their events, notes, tasks, partners, referrals."""
