"""The core: catalogues, assessments, scoring, checks, diff and storage. No UI imports, ever."""
